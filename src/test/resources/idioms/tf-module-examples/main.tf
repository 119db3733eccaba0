# A module repository: the module at the top, usage examples under examples/. Each example is its own
# configuration; the module alone is checked for what it declares.

variable "name" {
  type = string
}

variable "queue_arn" {
  type    = string
  default = null
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "table" {
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "dynamodb:PutItem", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "queue" {
  count = var.queue_arn == null ? 0 : 1
  role  = aws_iam_role.this.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = var.queue_arn }]
  })
}

data "archive_file" "this" {
  type        = "zip"
  source_dir  = "${path.module}/src/handler"
  output_path = "${path.module}/build/handler.zip"
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.this.arn
  handler       = "handler.main"
  runtime       = "python3.12"
  filename      = data.archive_file.this.output_path
}
