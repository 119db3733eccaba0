resource "aws_iam_role" "job" {
  name               = "nightly-job"
  assume_role_policy = "{}"
}

resource "aws_lambda_function" "job" {
  function_name = "nightly-job"
  role          = aws_iam_role.job.arn
  handler       = "job.run"
}

resource "aws_ecs_task_definition" "jobs" {
  family        = "jobs"
  task_role_arn = aws_iam_role.job.arn
  container_definitions = jsonencode([
    {
      name        = "app"
      image       = "app:latest"
      environment = [{ name = "QUEUE", value = "jobs" }, { name = "ROLE", value = aws_iam_role.job.name }]
    }
  ])
}
