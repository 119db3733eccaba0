data "aws_ecr_repository" "app" {
  name = "acme/app"
}

module "jobs" {
  source = "git@github.com:acme/terraform-aws-lambda?ref=v1.2.0"

  name         = "jobs"
  package_type = "Image"
  image_uri    = "${data.aws_ecr_repository.app.repository_url}:prod"
  image_config = {
    command = ["app.jobs.handler"]
  }
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-data/in/*"]
  }
}

resource "aws_iam_role_policy" "jobs_read" {
  role   = module.jobs.lambda_role.name
  policy = data.aws_iam_policy_document.read.json
}
