terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

variable "env" {
  type    = string
  default = "dev"
}

variable "retention" {
  default = 14
}

locals {
  prefix     = "orders-${var.env}"
  account_id = data.aws_caller_identity.current.account_id
  tags       = { app = "orders", env = var.env }
  queues     = [for q in ["in", "out"] : "${local.prefix}-${q}"]
}

resource "aws_dynamodb_table" "orders" {
  name         = "${local.prefix}-table"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_s3_bucket" "media" {
  bucket = "${local.prefix}-media"
}

resource "aws_kms_key" "k" {
  description = "orders key"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Root"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "OrdersDecrypt"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.orders.arn }
        Action    = ["kms:Decrypt"]
        Resource  = "*"
      }
    ]
  })
}

resource "aws_sqs_queue" "q" {
  name = local.queues[0]
}

resource "aws_sns_topic" "t" {
  name = "${local.prefix}-events"
}

resource "aws_ssm_parameter" "p" {
  name  = "/orders/${var.env}/config"
  type  = "String"
  value = "{}"
}

data "archive_file" "orders" {
  type        = "zip"
  source_dir  = "${path.module}/src/orders"
  output_path = "${path.module}/build/orders.zip"
}

resource "aws_iam_role" "orders" {
  name = "${local.prefix}-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })

  inline_policy {
    name   = "queue"
    policy = <<-EOF
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Action": ["sqs:SendMessage"],
            "Resource": "${aws_sqs_queue.q.arn}"
          }
        ]
      }
    EOF
  }

  managed_policy_arns  = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
  permissions_boundary = "arn:aws:iam::${local.account_id}:policy/boundary"
  tags                 = local.tags
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Logs"
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "orders" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  statement {
    sid     = "Table"
    actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
    resources = [
      aws_dynamodb_table.orders.arn,
      "${aws_dynamodb_table.orders.arn}/index/*",
    ]
  }

  statement {
    sid       = "Media"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.media.arn}/*"]
    condition {
      test     = "StringEquals"
      variable = "s3:ExistingObjectTag/public"
      values   = ["true"]
    }
  }

  statement {
    sid         = "NoAdmin"
    effect      = "Deny"
    not_actions = ["s3:GetObject", "dynamodb:*"]
    resources   = ["*"]
  }

  statement {
    sid       = "Param"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.p.arn]
  }
}

resource "aws_iam_role_policy" "orders" {
  name   = "orders"
  role   = aws_iam_role.orders.id
  policy = data.aws_iam_policy_document.orders.json
}

resource "aws_iam_policy" "extra" {
  name   = "${local.prefix}-extra"
  policy = file("${path.module}/policies/extra.json")
}

resource "aws_iam_role_policy_attachment" "extra" {
  role       = aws_iam_role.orders.name
  policy_arn = aws_iam_policy.extra.arn
}

resource "aws_lambda_function" "orders" {
  function_name = "${local.prefix}-api"
  role          = aws_iam_role.orders.arn
  handler       = "handler.main"
  runtime       = "python3.12"
  filename      = data.archive_file.orders.output_path

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.orders.name
      TABLE_ARN  = aws_dynamodb_table.orders.arn
      BUCKET     = aws_s3_bucket.media.bucket
      QUEUE_URL  = aws_sqs_queue.q.url
      TOPIC_ARN  = aws_sns_topic.t.arn
      KEY_ARN    = aws_kms_key.k.arn
      PARAM      = aws_ssm_parameter.p.name
      REGION     = data.aws_region.current.name
      RETENTION  = var.retention
      UPPER      = upper(var.env)
      JOINED     = join(",", local.queues)
    }
  }
}

resource "aws_s3_bucket_policy" "media" {
  bucket = aws_s3_bucket.media.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["${aws_s3_bucket.media.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_lambda_permission" "s3" {
  statement_id  = "AllowS3"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.orders.function_name
  principal     = "s3.amazonaws.com"
  source_arn    = aws_s3_bucket.media.arn
}

resource "aws_iam_role" "web" {
  name               = "${local.prefix}-web"
  assume_role_policy = data.aws_iam_policy_document.base.json
}

resource "aws_iam_instance_profile" "web" {
  name = "${local.prefix}-web"
  role = aws_iam_role.web.name
}

resource "aws_iam_role_policy_attachment" "web_ssm" {
  role       = aws_iam_role.web.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_instance" "web" {
  ami                  = "ami-12345678"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.web.name
}

module "worker" {
  source     = "./modules/worker"
  name       = "${local.prefix}-worker"
  queue_arn  = aws_sqs_queue.q.arn
  table_name = aws_dynamodb_table.orders.name
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

resource "aws_iam_policy" "web_tpl" {
  name   = "${local.prefix}-web-tpl"
  policy = templatefile("${path.module}/policies/bucket-read.json.tftpl", { bucket = aws_s3_bucket.media.bucket })
}

resource "aws_iam_role_policy_attachment" "web_tpl" {
  role       = aws_iam_role.web.name
  policy_arn = aws_iam_policy.web_tpl.arn
}

resource "aws_launch_template" "web" {
  name_prefix   = "web-"
  image_id      = "ami-12345678"
  instance_type = "t3.micro"
  iam_instance_profile {
    arn = aws_iam_instance_profile.web.arn
  }
}

data "aws_iam_policy" "s3_read" {
  name = "AmazonS3ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "web_s3_read" {
  role       = aws_iam_role.web.name
  policy_arn = data.aws_iam_policy.s3_read.arn
}

resource "aws_sqs_queue_policy" "q" {
  queue_url = aws_sqs_queue.q.id
  policy    = data.aws_iam_policy_document.queue.json
}

data "aws_iam_policy_document" "queue" {
  statement {
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.q.arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.t.arn]
    }
  }
}

resource "aws_sns_topic_policy" "t" {
  arn    = aws_sns_topic.t.arn
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Subscribe", Resource = aws_sns_topic.t.arn }] })
}

resource "aws_secretsmanager_secret" "api" {
  name = "orders/${var.env}/api-key"
}

resource "aws_secretsmanager_secret_policy" "api" {
  secret_arn = aws_secretsmanager_secret.api.arn
  policy     = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Principal = "*", Action = "secretsmanager:DeleteSecret", Resource = "*" }] })
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  roles      = [aws_iam_role.web.name]
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
}
