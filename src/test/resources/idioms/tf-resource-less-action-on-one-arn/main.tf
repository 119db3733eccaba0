# A scaler that describes and resizes its Auto Scaling group. DescribeAutoScalingGroups supports no resource type
# (Service Authorization Reference), so the statement that names the group's ARN grants only SetDesiredCapacity;
# the statement on "*" in the other role grants both.

resource "aws_autoscaling_group" "web" {
  name             = "web-asg"
  min_size         = 1
  max_size         = 4
  desired_capacity = 1
}

resource "aws_iam_role" "scaler" {
  name = "scaler"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "scaler" {
  name = "scale-web"
  role = aws_iam_role.scaler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["autoscaling:DescribeAutoScalingGroups", "autoscaling:SetDesiredCapacity"]
      Resource = aws_autoscaling_group.web.arn
    }]
  })
}

resource "aws_iam_role" "scaler_any" {
  name = "scaler-any"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "scaler_any" {
  name = "scale-any"
  role = aws_iam_role.scaler_any.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "autoscaling:DescribeAutoScalingGroups", Resource = "*" },
      { Effect = "Allow", Action = "autoscaling:SetDesiredCapacity", Resource = aws_autoscaling_group.web.arn }
    ]
  })
}

data "archive_file" "scaler" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/scaler.zip"
}

resource "aws_lambda_function" "scaler" {
  function_name = "scaler"
  role          = aws_iam_role.scaler.arn
  handler       = "scale.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.scaler.output_path
}

resource "aws_lambda_function" "scaler_any" {
  function_name = "scaler-any"
  role          = aws_iam_role.scaler_any.arn
  handler       = "scale.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.scaler.output_path
}
