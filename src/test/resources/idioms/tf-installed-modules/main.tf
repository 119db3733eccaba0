# Modules from the registry and git, as `terraform init` downloaded them: .terraform/modules/modules.json says where
# each call's code is, so the worker module's function and role are read, and a policy attached here to the role the
# module outputs (module.worker.role_name) reaches the function. A module that is not downloaded is a note that says
# how to get it read.

module "worker" {
  source   = "example-org/worker/aws"
  version  = "1.4.0"
  name     = "worker"
  code_dir = "${path.module}/src/worker"
}

resource "aws_iam_policy" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "arn:aws:sqs:*:*:jobs" }]
  })
}

resource "aws_iam_role_policy_attachment" "worker_jobs" {
  role       = module.worker.role_name
  policy_arn = aws_iam_policy.jobs.arn
}

module "alerts" {
  source = "git::https://example.com/infra/alerts.git?ref=v2"
}
