provider "aws" {
  region = "eu-west-1"
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
}

resource "aws_sqs_queue" "ingest" {
  name = "ingest"
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
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["dynamodb:PutItem"], Resource = aws_dynamodb_table.orders.arn },
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::reports/*" },
    ]
  })
}

# The data source form, with tests left out of the zip.
data "archive_file" "orders" {
  type        = "zip"
  source_dir  = "${path.module}/../src/orders"
  output_path = "${path.module}/build/orders.zip"
  excludes    = ["tests"]
}

# The resource form of the archive provider, one file.
resource "archive_file" "reports" {
  type        = "zip"
  source_file = "${path.module}/../src/reports/report.py"
  output_path = "${path.module}/build/reports.zip"
}

# A build step fills the folder that is zipped and uploaded.
resource "terraform_data" "ingest_build" {
  provisioner "local-exec" {
    command = "mkdir -p build/ingest && cp -r ../src/ingest/* build/ingest/ && pip install -r ../src/ingest/requirements.txt -t build/ingest"
  }
}

data "archive_file" "ingest" {
  type        = "zip"
  source_dir  = "${path.root}/build/ingest"
  output_path = "${path.root}/build/ingest.zip"
  depends_on  = [terraform_data.ingest_build]
}

resource "aws_s3_object" "ingest" {
  bucket = "artifacts"
  key    = "lambda/ingest.zip"
  source = data.archive_file.ingest.output_path
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.app.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.orders.output_path
  environment {
    variables = { TABLE = aws_dynamodb_table.orders.name }
  }
}

resource "aws_lambda_function" "reports" {
  function_name = "reports"
  role          = aws_iam_role.app.arn
  handler       = "report.handler"
  runtime       = "python3.12"
  filename      = archive_file.reports.output_path
}

resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = aws_iam_role.app.arn
  handler       = "main.handler"
  runtime       = "python3.12"
  s3_bucket     = aws_s3_object.ingest.bucket
  s3_key        = aws_s3_object.ingest.key
  environment {
    variables = { QUEUE_URL = aws_sqs_queue.ingest.url }
  }
}
