variable "group_arn" {
  type    = string
  default = ""
}

resource "aws_iam_role" "scaler" {
  name = "scaler"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "scale" {
  role = aws_iam_role.scaler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["autoscaling:SetDesiredCapacity", "autoscaling:UpdateAutoScalingGroup"]
      Resource = var.group_arn != "" ? var.group_arn : "*"
    }]
  })
}

resource "aws_iam_instance_profile" "nodes" {
  name = "nodes"
  role = aws_iam_role.scaler.name
}

output "role_arn" { value = aws_iam_role.scaler.arn }
output "profile_arn" { value = aws_iam_instance_profile.nodes.arn }
