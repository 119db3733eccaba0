# Containers whose image the project builds from a Dockerfile run the code the Dockerfile copies in; ECS tasks and
# Batch jobs run it as the task (job) role, never the execution role; an image built elsewhere charges no code.

resource "docker_image" "worker" {
  name = "orders-worker:latest"
  build {
    context    = "${path.module}/../services/worker"
    dockerfile = "Dockerfile"
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
  name               = "orders-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

resource "aws_iam_role_policy" "task" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "*" }]
  })
}

# The execution role pulls the image and writes logs for the ECS agent; the containers never run as it.
resource "aws_iam_role" "exec" {
  name               = "orders-exec"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

resource "aws_iam_role_policy" "exec" {
  role = aws_iam_role.exec.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject", "ecr:GetAuthorizationToken"], Resource = "*" }]
  })
}

resource "aws_ecs_task_definition" "worker" {
  family             = "orders-worker"
  task_role_arn      = aws_iam_role.task.arn
  execution_role_arn = aws_iam_role.exec.arn
  container_definitions = jsonencode([{
    name  = "worker"
    image = docker_image.worker.name
  }])
}

resource "aws_ecs_task_definition" "grafana" {
  family             = "grafana"
  task_role_arn      = aws_iam_role.task.arn
  execution_role_arn = aws_iam_role.exec.arn
  container_definitions = jsonencode([{
    name  = "grafana"
    image = "grafana/grafana:10.4.0"
  }])
}

resource "aws_batch_job_definition" "reindex" {
  name = "orders-reindex"
  type = "container"
  container_properties = jsonencode({
    image            = docker_image.worker.name
    command          = ["python", "-m", "worker.main"]
    jobRoleArn       = aws_iam_role.task.arn
    executionRoleArn = aws_iam_role.exec.arn
  })
}

# A container-image function whose image the Makefile builds (docker build -t .../thumbs services/thumbs).
resource "aws_ecr_repository" "thumbs" {
  name = "thumbs"
}

resource "aws_iam_role" "thumbs" {
  name = "thumbs"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "thumbs" {
  role = aws_iam_role.thumbs.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::thumbs/*" }]
  })
}

resource "aws_lambda_function" "thumbs" {
  function_name = "thumbs"
  role          = aws_iam_role.thumbs.arn
  package_type  = "Image"
  image_uri     = "${aws_ecr_repository.thumbs.repository_url}:latest"
}
