variable "name" {
  type = string
}

variable "code_dir" {
  type = string
}

module "role" {
  source = "./modules/role"
  name   = var.name
}

resource "aws_iam_role_policy" "logs" {
  role = module.role.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" }]
  })
}

data "archive_file" "code" {
  type        = "zip"
  source_dir  = var.code_dir
  output_path = "${path.module}/build/${var.name}.zip"
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = module.role.arn
  handler       = "worker.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.code.output_path
}

output "role_name" {
  value = module.role.name
}
