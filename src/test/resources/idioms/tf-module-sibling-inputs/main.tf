# Sibling modules that feed each other: access takes the group ARN from scaling (declared after it), scaling takes the
# instance profile from access. Terraform resolves such references value by value.
module "access" {
  source    = "./modules/access"
  group_arn = module.scaling.group_arn
}

module "scaling" {
  source           = "./modules/scaling"
  instance_profile = module.access.profile_arn
}

data "archive_file" "scaler" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/scaler.zip"
}

resource "aws_lambda_function" "scaler" {
  function_name = "scaler"
  role          = module.access.role_arn
  handler       = "scaler.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.scaler.output_path
  environment {
    variables = { GROUP = module.scaling.group_name }
  }
}
