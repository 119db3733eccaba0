# A policy written as a templatefile() template with directives. Directives on known values are evaluated; one whose
# condition or collection is only known at deploy (an input without a value) is read both ways: a statement that only
# one outcome has may be present, so a call that needs it is a warning naming the directive, never an error. An
# unknown value spliced in where JSON expects a value reads as an unknown value, not as invalid JSON.

variable "mode" {
  type = string # no value here: given at deploy
}

variable "queue_arns" {
  type = list(string) # no value here
}

variable "key_arn" {
  type = string # no value here
}

locals {
  tables = ["orders", "customers"]
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
  policy = templatefile("${path.module}/policy.json.tftpl", {
    mode       = var.mode
    tables     = local.tables
    queue_arns = var.queue_arns
    key_arn    = var.key_arn
    audit      = false
  })
}

resource "aws_iam_role_policy" "inline" {
  name   = "inline"
  role   = aws_iam_role.app.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        %{~ for t in local.tables ~}
        {"Effect": "Allow", "Action": "dynamodb:Query", "Resource": "arn:aws:dynamodb:*:*:table/${t}/index/*"},
        %{~ endfor ~}
        {"Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": "*"}
      ]
    }
  EOT
}

# The legacy template provider (Terraform 0.11 style): data "template_file" renders `template` with `vars` as
# templatefile() does, so its policy is read, not dropped as unknown.
data "template_file" "legacy" {
  template = "${file("${path.module}/legacy.json.tpl")}"

  vars = {
    topic = "alerts"
  }
}

resource "aws_iam_role_policy" "legacy" {
  name   = "legacy"
  role   = "${aws_iam_role.app.id}"
  policy = "${data.template_file.legacy.rendered}"
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
