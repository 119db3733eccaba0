terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
}

resource "aws_sqs_queue" "events" {
  name = "events"
}

# The module creates the role and attaches the statements given to it.
module "orders" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.2"

  function_name = "orders"
  handler       = "app.handler"
  runtime       = "python3.12"
  source_path   = "${path.module}/src/orders"

  environment_variables = {
    TABLE = aws_dynamodb_table.orders.name
    QUEUE = aws_sqs_queue.events.url
  }

  attach_policy_statements = true
  policy_statements = {
    write_orders = {
      effect    = "Allow"
      actions   = ["dynamodb:PutItem"]
      resources = [aws_dynamodb_table.orders.arn]
    }
  }
}

# A policy attached by the caller to the role the module outputs.
resource "aws_iam_role_policy" "orders_events" {
  role = module.orders.lambda_role_name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.events.arn }]
  })
}

# An existing role of this configuration; the source is a list with pip requirements.
resource "aws_iam_role" "reports" {
  name = "reports"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "reports" {
  role = aws_iam_role.reports.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }]
  })
}

module "reports" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v8.1.0"

  function_name = "reports"
  handler       = "report.handler"
  runtime       = "python3.12"
  create_role   = false
  lambda_role   = aws_iam_role.reports.arn
  source_path = [
    { path = "${path.module}/src/reports", pip_requirements = true },
  ]
}

# policy_json is given but attach_policy_json is left at its default (false): the module does not attach it.
module "ingest" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "7.2.1"

  function_name = "ingest"
  handler       = "main.handler"
  runtime       = "python3.12"
  source_path   = "${path.module}/src/ingest"
  environment_variables = {
    QUEUE = aws_sqs_queue.events.url
  }
  policy_json = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.events.arn }]
  })
}
