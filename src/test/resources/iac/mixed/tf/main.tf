resource "aws_iam_role" "job" {
  name               = "nightly-job"
  assume_role_policy = "{}"
}

resource "aws_lambda_function" "job" {
  function_name = "nightly-job"
  role          = aws_iam_role.job.arn
  handler       = "job.run"
}
