variable "v" {}

locals {
  a = local.b
  b = local.a
  c = "${local.c}x"
}

resource "aws_iam_role" "r" {
  name = aws_iam_role.r.name
  inline_policy {
    name = "no-policy"
  }
  inline_policy {
    policy = 42
  }
  managed_policy_arns = "not-a-list"
}

resource "aws_lambda_function" "f" {
  function_name = local.a
  role          = 5
  environment {
    variables = "not-a-map"
  }
  handler = [1, 2]
}

resource "aws_lambda_function" "g" {
  role = aws_iam_role.r.arn
  environment {}
  environment {
    variables = { A = unknownfn(1), B = var.nope, C = local.c, D = [for x in var.v : x], E = null }
  }
}

resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = "{ not json"
}

resource "aws_instance" "i" {
  iam_instance_profile = "external-profile"
}

resource "aws_s3_bucket_policy" "bp" {
  bucket = var.v
  policy = jsonencode("just a string")
}

module "loop" {
  source = "./loop"
}

module "missing" {
  source = "./does-not-exist"
}
