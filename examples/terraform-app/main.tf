terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "config_path" {
  type    = string
  default = "/app/config"
}

data "aws_caller_identity" "current" {}

resource "aws_dynamodb_table" "t" {
  name         = "app-items"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app" {
  name               = "items-app"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "app" {
  statement {
    sid       = "Items"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [aws_dynamodb_table.t.arn]
  }

  statement {
    sid       = "Config"
    actions   = ["ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:${var.region}:${data.aws_caller_identity.current.account_id}:parameter/app/prod/*"]
  }
}

resource "aws_iam_role_policy" "app" {
  name   = "items-app"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_lambda_function" "items" {
  function_name = "items"
  role          = aws_iam_role.app.arn
  handler       = "items.handler"
  runtime       = "python3.12"
  filename      = "build/items.zip"
  source_code_hash = filebase64sha256("build/items.zip")

  environment {
    variables = {
      TABLE_NAME  = aws_dynamodb_table.t.name
      CONFIG_PATH = var.config_path
    }
  }
}
