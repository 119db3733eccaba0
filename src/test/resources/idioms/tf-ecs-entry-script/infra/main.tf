# ECS tasks whose images the project builds: the worker image runs `python worker.py`, so what worker.py reaches is
# its code and backfill.py, copied in beside it but never run, is not; the jobs image runs a shell script, whose
# entry cannot be read, so every Python file it copies in is charged and a note says why.

resource "docker_image" "worker" {
  name = "reports-worker:latest"
  build {
    context = "${path.module}/../worker"
  }
}

resource "docker_image" "jobs" {
  name = "reports-jobs:latest"
  build {
    context = "${path.module}/../jobs"
  }
}

data "aws_iam_policy_document" "ecs_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "task" {
  name               = "reports-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

resource "aws_iam_role_policy" "task" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "*" }]
  })
}

resource "aws_ecs_task_definition" "worker" {
  family        = "reports-worker"
  task_role_arn = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    name  = "worker"
    image = docker_image.worker.name
  }])
}

resource "aws_ecs_task_definition" "jobs" {
  family        = "reports-jobs"
  task_role_arn = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    name  = "jobs"
    image = docker_image.jobs.name
  }])
}

# The same image with the task's own command, which replaces the Dockerfile's CMD: backfill.py is what runs.
resource "aws_ecs_task_definition" "backfill" {
  family        = "reports-backfill"
  task_role_arn = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    name    = "backfill"
    image   = docker_image.worker.name
    command = ["python", "backfill.py"]
  }])
}
