variable "name" {
  type = string
}

variable "queue_arn" {}

variable "table_name" {}

variable "memory" {
  default = 256
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
}

resource "aws_iam_role_policy" "this" {
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
        Resource = var.queue_arn
      },
    ]
  })
}

resource "aws_lambda_function" "this" {
  count         = 2
  function_name = "${var.name}-${count.index}"
  role          = aws_iam_role.this.arn
  handler       = "worker.run"
  runtime       = "python3.12"
  filename      = "worker.zip"

  environment {
    variables = {
      TABLE = var.table_name
    }
  }
}

output "role_arn" {
  value = aws_iam_role.this.arn
}

variable "buckets" {
  default = {
    logs = "orders-logs"
    data = "orders-data"
  }
}

data "aws_iam_policy_document" "buckets" {
  dynamic "statement" {
    for_each = var.buckets
    iterator = b
    content {
      sid       = "Read${title(b.key)}"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::${b.value}/*"]
    }
  }

  statement {
    sid       = "List"
    actions   = ["s3:ListBucket"]
    resources = [for name in values(var.buckets) : "arn:aws:s3:::${name}"]
  }
}

resource "aws_iam_role_policy" "buckets" {
  role   = aws_iam_role.this.name
  policy = data.aws_iam_policy_document.buckets.json
}
