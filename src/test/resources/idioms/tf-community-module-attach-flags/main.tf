terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

resource "aws_sqs_queue" "dlq" {
  name = "worker-dlq"
}

resource "aws_dynamodb_table" "jobs" {
  name     = "jobs"
  hash_key = "id"
}

resource "aws_iam_policy" "jobs_read" {
  name = "jobs-read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = aws_dynamodb_table.jobs.arn }]
  })
}

# The module's switches attach its own policies to the role it creates: the dead-letter policy (sqs:SendMessage on
# the target), the tracing policy (AWSXRayDaemonWriteAccess) and managed policies by ARN (attach_policies).
module "worker" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "7.2.1"

  function_name = "worker"
  handler       = "worker.handler"
  runtime       = "python3.12"
  source_path   = "${path.module}/src/worker"

  environment_variables = {
    DLQ   = aws_sqs_queue.dlq.url
    TABLE = aws_dynamodb_table.jobs.name
  }

  attach_dead_letter_policy = true
  dead_letter_target_arn    = aws_sqs_queue.dlq.arn

  attach_tracing_policy = true

  attach_policies    = true
  policies           = [aws_iam_policy.jobs_read.arn]
  number_of_policies = 1
}
