resource "aws_iam_role" "billing" {
  name               = "billing"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "billing" {
  role = aws_iam_role.billing.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "*" }]
  })
}

resource "aws_iam_instance_profile" "billing" {
  name = "billing"
  role = aws_iam_role.billing.name
}

resource "aws_instance" "billing" {
  ami                  = "ami-12345678"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.billing.name
}
