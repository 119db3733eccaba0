variable "name" {
  type = string
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "actions" {
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for f in fileset("${path.module}/../../src/${var.name}/policies", "*.json") : {
      Effect   = "Allow"
      Action   = jsondecode(file("${path.module}/../../src/${var.name}/policies/${f}"))
      Resource = "arn:aws:dynamodb:*:*:table/${replace(f, ".json", "")}"
    }]
  })
}

data "archive_file" "this" {
  type        = "zip"
  source_dir  = "${path.module}/../../src/${var.name}"
  output_path = "${path.module}/build/${var.name}.zip"
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.this.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.this.output_path
}
