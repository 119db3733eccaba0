# Event source mappings: Lambda polls the stream and the queue with the function's execution role. The role below
# can describe the stream and get shard iterators but lacks kinesis:GetRecords, and the stream is encrypted with a
# customer managed key whose kms:Decrypt it lacks too; the queue's permissions are all there.

resource "aws_kms_key" "stream" {
  description = "clicks stream"
}

resource "aws_kinesis_stream" "clicks" {
  name            = "clicks"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.stream.arn
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_iam_role" "consumer" {
  name = "consumer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  inline_policy {
    name = "consume"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = ["kinesis:DescribeStream", "kinesis:GetShardIterator"],
        Resource = aws_kinesis_stream.clicks.arn },
        { Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
        Resource = aws_sqs_queue.jobs.arn },
      ]
    })
  }
}

resource "aws_lambda_function" "consumer" {
  function_name = "consumer"
  role          = aws_iam_role.consumer.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "consumer.zip"
}

resource "aws_lambda_event_source_mapping" "clicks" {
  function_name     = aws_lambda_function.consumer.arn
  event_source_arn  = aws_kinesis_stream.clicks.arn
  starting_position = "LATEST"
}

resource "aws_lambda_event_source_mapping" "jobs" {
  function_name    = aws_lambda_function.consumer.function_name
  event_source_arn = aws_sqs_queue.jobs.arn
}
