resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "arn:aws:dynamodb:*:*:table/jobs" }]
  })
}

# The package is assembled by a null_resource: dependencies installed with pip -t, then the sources copied in and
# zipped. No archive_file: the zip command itself writes the archive the function deploys.
resource "null_resource" "worker_build" {
  triggers = {
    always = timestamp()
  }

  provisioner "local-exec" {
    command = <<-EOT
      rm -rf ${path.module}/build/worker && mkdir -p ${path.module}/build/worker
      pip install -r ${path.module}/../src/worker/requirements.txt -t ${path.module}/build/worker
      cp -r ${path.module}/../src/worker/* ${path.module}/build/worker/
      cd ${path.module}/build/worker && zip -r ../worker.zip .
    EOT
  }
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "handler.main"
  runtime       = "python3.12"
  filename      = "${path.module}/build/worker.zip"
  depends_on    = [null_resource.worker_build]
}
