variable "name" {
  type = string
}

variable "package_type" {
  type    = string
  default = null
}

variable "image_uri" {
  type    = string
  default = null
}

variable "image_config" {
  type = object({
    command = optional(set(string))
  })
  default = null
}

resource "aws_lambda_function" "main" {
  function_name = var.name
  role          = aws_iam_role.lambda.arn
  package_type  = var.package_type
  image_uri     = var.image_uri

  dynamic "image_config" {
    for_each = var.image_config == null ? [] : [{}]
    content {
      command = var.image_config.command
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = "lambda-role-${var.name}"
  assume_role_policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"
}

# The whole role, as the module outputs it: callers attach policies to lambda_role.name.
output "lambda_role" {
  value = aws_iam_role.lambda
}
