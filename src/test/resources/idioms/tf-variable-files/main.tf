# Variable values from every place Terraform takes them, in its order: terraform.tfvars, terraform.tfvars.json,
# *.auto.tfvars(.json) by name, the workspace's var file (the workspace from .terraform/environment), and the var files
# .iam-preflight.yml lists for every check and for the stage checked.

variable "table" {
  type    = string
  default = "orders-default"
}

variable "queue" {
  type = string
}

variable "bucket" {
  type    = string
  default = "dev-bucket"
}

variable "topic" {
  type = string
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "app" {
  name = "app"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "dynamodb:GetItem", Resource = "arn:aws:dynamodb:*:*:table/${var.table}" },
      { Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:*:*:${var.queue}" },
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.bucket}/*" },
      { Effect = "Allow", Action = "sns:Publish", Resource = "arn:aws:sns:*:*:${var.topic}" },
      { Effect = "Allow", Action = "ssm:GetParameter", Resource = "arn:aws:ssm:*:*:parameter/${terraform.workspace}/*" },
    ]
  })
}

resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = aws_iam_role.app.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.app.output_path
}

data "archive_file" "app" {
  type        = "zip"
  source_dir  = "${path.module}/src/app"
  output_path = "${path.module}/build/app.zip"
}
