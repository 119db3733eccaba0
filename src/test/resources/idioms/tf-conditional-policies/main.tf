# Policies that exist only for some values of an input: a value the project's tfvars gives decides errors, the other
# value gives a warning naming the input. A policy that only the non-default value attaches (a feature switch that is
# off by default) gives a warning naming the switch, not an error: the call is taken to belong to that feature.

variable "enable_s3_read" {
  type    = bool
  default = true
}

variable "enable_sqs" {
  type    = bool
  default = false
}

variable "use_boundary" {
  type = bool
  # set by terraform.tfvars
}

variable "boundary_arn" {
  type    = string
  default = null
}

variable "extra_policy_arns" {
  type    = list(string)
  default = []
}

variable "report_uploads" {
  type    = bool
  default = true
  # terraform.tfvars turns it off: that choice decides the error
}

variable "audit_write" {
  type = bool
}

variable "audit_strict" {
  type = bool
}

resource "aws_iam_role" "orders" {
  name = "orders"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  permissions_boundary = var.use_boundary ? aws_iam_policy.boundary.arn : null
}

resource "aws_iam_policy" "boundary" {
  name = "orders-boundary"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*", "dynamodb:*", "sqs:*"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "s3_read" {
  count = var.enable_s3_read ? 1 : 0
  name  = "s3-read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::orders-bucket/*" }]
  })
}

resource "aws_iam_role_policy_attachment" "s3_read" {
  count      = var.enable_s3_read ? 1 : 0
  role       = aws_iam_role.orders.name
  policy_arn = aws_iam_policy.s3_read[0].arn
}

resource "aws_iam_role_policy" "sqs" {
  count = var.enable_sqs ? 1 : 0
  name  = "sqs"
  role  = aws_iam_role.orders.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "dynamodb" {
  name = "dynamodb"
  role = aws_iam_role.orders.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["dynamodb:GetItem", "lambda:InvokeFunction"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "extra" {
  for_each   = toset(var.extra_policy_arns)
  role       = aws_iam_role.orders.name
  policy_arn = each.value
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.orders.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.orders.output_path
}

data "archive_file" "orders" {
  type        = "zip"
  source_dir  = "${path.module}/src/orders"
  output_path = "${path.module}/build/orders.zip"
}

# A second role whose only write policy depends on an input that has no value: neither case is the deployed one.
resource "aws_iam_role" "audit" {
  name = "audit"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  permissions_boundary = var.audit_strict ? aws_iam_policy.boundary.arn : null
}

resource "aws_iam_role_policy" "audit_notify" {
  role = aws_iam_role.audit.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "audit_write" {
  count = var.audit_write ? 1 : 0
  role  = aws_iam_role.audit.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "dynamodb:PutItem", Resource = "*" }]
  })
}

resource "aws_lambda_function" "audit" {
  function_name = "audit"
  role          = aws_iam_role.audit.arn
  handler       = "audit.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.audit.output_path
}

data "archive_file" "audit" {
  type        = "zip"
  source_dir  = "${path.module}/src/audit"
  output_path = "${path.module}/build/audit.zip"
}

# A boundary whose value is null by default is no boundary: the function is checked against its policy alone.
resource "aws_iam_role" "report" {
  name = "report"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  permissions_boundary = var.boundary_arn
}

resource "aws_iam_role_policy" "report" {
  role = aws_iam_role.report.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "report_uploads" {
  count = var.report_uploads ? 1 : 0
  role  = aws_iam_role.report.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::reports/*" }]
  })
}

resource "aws_lambda_function" "report" {
  function_name = "report"
  role          = aws_iam_role.report.arn
  handler       = "report.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.report.output_path
}

data "archive_file" "report" {
  type        = "zip"
  source_dir  = "${path.module}/src/report"
  output_path = "${path.module}/build/report.zip"
}
