resource "aws_lambda_function" "hidden" { role = "x" }
