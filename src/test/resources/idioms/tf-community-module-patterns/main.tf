resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_kms_key" "env" {
  description = "environment variables"
}

resource "aws_iam_policy" "queue" {
  name = "api-queue"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.jobs.arn }]
  })
}

# source_path as an object: patterns leave the tests out of the package; attach_policy attaches one managed
# policy by ARN; the network policy grants the ENI actions a function in a VPC needs.
module "api" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "7.2.1"

  function_name = "api"
  handler       = "main.handler"
  runtime       = "python3.12"
  source_path = [{
    path          = "${path.module}/src/api"
    patterns      = ["!tests/.*"]
  }]

  kms_key_arn = aws_kms_key.env.arn

  attach_policy = true
  policy        = aws_iam_policy.queue.arn

  attach_network_policy = true
  vpc_subnet_ids         = ["subnet-1"]
  vpc_security_group_ids = ["sg-1"]
}
