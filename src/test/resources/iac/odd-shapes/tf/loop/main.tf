module "again" {
  source = "../loop"
}

resource "aws_lambda_function" "deep" {
  role = "arn:aws:iam::111122223333:role/deep"
}
