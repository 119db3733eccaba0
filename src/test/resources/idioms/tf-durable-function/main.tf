# Durable functions (durable_config): the durable execution SDK checkpoints and reads state with the execution role,
# on each execution's ARN (function:NAME:VERSION/durable-execution/...). The orders role names the function's
# unqualified ARN, which never matches an execution; the billing role uses the qualified form "${arn}:*".

data "archive_file" "orders" {
  type        = "zip"
  source_dir  = "${path.module}/src/orders"
  output_path = "${path.module}/build/orders.zip"
}

data "archive_file" "billing" {
  type        = "zip"
  source_dir  = "${path.module}/src/billing"
  output_path = "${path.module}/build/billing.zip"
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
      Action   = ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"]
      Resource = aws_lambda_function.orders.arn
    }]
  })
}

resource "aws_iam_role" "billing" {
  name = "billing"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "billing" {
  role = aws_iam_role.billing.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"]
      Resource = "${aws_lambda_function.billing.arn}:*"
    }]
  })
}

resource "aws_lambda_function" "orders" {
  function_name    = "orders"
  role             = aws_iam_role.orders.arn
  runtime          = "python3.13"
  handler          = "app.handler"
  filename         = data.archive_file.orders.output_path
  source_code_hash = data.archive_file.orders.output_base64sha256
  durable_config {
    execution_timeout = 3600
    retention_period  = 7
  }
}

resource "aws_lambda_function" "billing" {
  function_name    = "billing"
  role             = aws_iam_role.billing.arn
  runtime          = "python3.13"
  handler          = "app.handler"
  filename         = data.archive_file.billing.output_path
  source_code_hash = data.archive_file.billing.output_base64sha256
  durable_config {
    execution_timeout = 3600
  }
}
