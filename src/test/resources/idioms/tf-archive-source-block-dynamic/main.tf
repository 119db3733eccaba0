variable "enable_events" {
  type    = bool
  default = false
}

resource "aws_sqs_queue" "events" {
  name = "events"
}

resource "aws_s3_bucket" "data" {
  bucket = "app-data"
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.data.arn}/*"]
  }
  dynamic "statement" {
    for_each = var.enable_events ? [1] : []
    content {
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.events.arn]
    }
  }
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}

data "archive_file" "app" {
  type        = "zip"
  output_path = "${path.module}/build/app.zip"
  source {
    content  = file("${path.cwd}/src/app.py")
    filename = "app.py"
  }
}

resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = aws_iam_role.app.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.app.output_path
}
