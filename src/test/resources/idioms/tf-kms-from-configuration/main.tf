# Permissions that follow from how resources are configured: a queue, a topic, a bucket (with a key of another
# account, whose policy .iam-preflight.yml declares), a secret, a SecureString parameter and the function's own
# environment are encrypted with customer managed keys, so the calls that write or read them need KMS actions on
# those keys, and the key policies must allow them too.

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "app" {
  description = "app data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Admin", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*",
      Resource = "*" },
    ]
  })
}

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.app.arn
}

resource "aws_sqs_queue" "plain" {
  name              = "plain"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sns_topic" "events" {
  name              = "events"
  kms_master_key_id = aws_kms_key.app.arn
}

resource "aws_s3_bucket" "lake" {
  bucket = "lake-bucket"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "lake" {
  bucket = aws_s3_bucket.lake.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:us-east-1:444455556666:key/1111aaaa-22bb-33cc-44dd-555555eeeeee"
    }
    bucket_key_enabled = true
  }
}

resource "aws_secretsmanager_secret" "db" {
  name       = "db"
  kms_key_id = aws_kms_key.app.arn
}

resource "aws_ssm_parameter" "token" {
  name   = "/app/token"
  type   = "SecureString"
  value  = "x"
  key_id = aws_kms_key.app.arn
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  inline_policy {
    name = "app"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource = "*" },
        { Effect = "Allow", Action = "sns:Publish", Resource = "*" },
        { Effect = "Allow", Action = ["s3:PutObject", "s3:GetObject"], Resource = "arn:aws:s3:::lake-bucket/*" },
        { Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = "*" },
        { Effect = "Allow", Action = "ssm:GetParameter", Resource = "*" },
        # Decrypt only: sending to the queue and publishing also need GenerateDataKey.
        { Effect = "Allow", Action = "kms:Decrypt", Resource = "*" },
        { Effect = "Allow", Action = "kms:GenerateDataKey", Resource = "arn:aws:kms:us-east-1:444455556666:key/*" },
      ]
    })
  }
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "worker.zip"
  kms_key_arn   = aws_kms_key.app.arn
  environment {
    variables = { MODE = "prod" }
  }
}
