# Statements conditioned on aws:ResourceTag/* (ABAC): the tags of a queue or table are known only when the IaC shows
# their value and the request's resource is certainly that declared resource; otherwise the condition is undecided
# offline and a denial is "denied for some", never certain.

variable "environment" {
  type = string
  # no default and no tfvars: not known offline
}

locals {
  common_tags = {
    Environment = var.environment
    Team        = "orders"
  }
}

resource "aws_sqs_queue" "requests" {
  name = "requests-${var.environment}"
  tags = merge(local.common_tags, { Purpose = "requests" })
}

resource "aws_dynamodb_table" "books" {
  name         = "books"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  tags = local.common_tags
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.requests.arn, "arn:aws:sqs:eu-west-1:123456789012:legacy"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/Environment"
      values   = [var.environment]
    }
  }
  statement {
    actions   = ["dynamodb:PutItem"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/Team"
      values   = ["payments"]
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
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/app.zip"
}

resource "aws_lambda_function" "app" {
  function_name    = "app"
  role             = aws_iam_role.app.arn
  handler          = "app.handler"
  runtime          = "python3.12"
  filename         = data.archive_file.app.output_path
  source_code_hash = data.archive_file.app.output_base64sha256
  environment {
    variables = {
      QUEUE_URL  = aws_sqs_queue.requests.url
      TABLE_NAME = aws_dynamodb_table.books.name
    }
  }
}
