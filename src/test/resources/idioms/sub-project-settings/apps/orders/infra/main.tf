variable "table_name" {
  type = string
}

data "archive_file" "handlers" {
  type        = "zip"
  source_dir  = "${path.module}/../handlers"
  output_path = "${path.module}/handlers.zip"
}

resource "aws_iam_role" "orders" {
  name = "orders"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "orders" {
  role = aws_iam_role.orders.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:PutItem"]
      Resource = "arn:aws:dynamodb:us-east-1:123456789012:table/${var.table_name}"
    }]
  })
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.orders.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.handlers.output_path
  environment {
    variables = {
      TABLE = var.table_name
    }
  }
}
