# Two ECS tasks share one image whose ENTRYPOINT is `python`; a state machine chooses the script. The steps task is
# run by two states with literal command overrides (one inside a Parallel branch), so its code is what steps.load and
# steps.report reach, not cleanup.py. The adhoc task is run with a command computed at run time (Command.$): which
# script runs is not known, so all the image's code is charged and its denials are warnings.

locals {
  image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/pipeline-steps:prod"
  report_states = merge([for _ in range(var.reports ? 1 : 0) : {
    Report = {
      Type     = "Parallel"
      End      = true
      Branches = [{
        StartAt = "Write report"
        States = {
          "Write report" = {
            Type     = "Task"
            Resource = "arn:aws:states:::ecs:runTask.sync"
            End      = true
            Arguments = {
              TaskDefinition = aws_ecs_task_definition.steps.arn
              Overrides = {
                ContainerOverrides = [{
                  Name    = "steps"
                  Command = ["-m", "steps.report", "--day", "{% $states.input.day %}"]
                }]
              }
            }
          }
        }
      }]
    }
  }]...)
}

variable "reports" {
  default = true
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

resource "aws_iam_role" "steps" {
  name               = "pipeline-steps"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

resource "aws_iam_role_policy" "steps" {
  role = aws_iam_role.steps.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::pipeline-data/*" }]
  })
}

# Pulls the image and writes logs only: never the role the code runs as.
resource "aws_iam_role" "execution" {
  name               = "pipeline-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

resource "aws_iam_role_policy" "execution" {
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["dynamodb:PutItem", "sqs:PurgeQueue"], Resource = "*" }]
  })
}

resource "aws_iam_role" "adhoc" {
  name               = "pipeline-adhoc"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

resource "aws_ecs_task_definition" "steps" {
  family             = "pipeline-steps"
  task_role_arn      = aws_iam_role.steps.arn
  execution_role_arn = aws_iam_role.execution.arn
  container_definitions = jsonencode([{
    name        = "steps"
    image       = local.image
    environment = [{ name = "BUCKET", value = "pipeline-data" }]
  }])
}

resource "aws_ecs_task_definition" "adhoc" {
  family             = "pipeline-adhoc"
  task_role_arn      = aws_iam_role.adhoc.arn
  execution_role_arn = aws_iam_role.execution.arn
  container_definitions = jsonencode([{
    name  = "adhoc"
    image = local.image
  }])
}

resource "aws_sfn_state_machine" "pipeline" {
  name     = "pipeline"
  role_arn = aws_iam_role.execution.arn
  definition = jsonencode({
    QueryLanguage = "JSONata"
    StartAt       = "Load"
    States = merge({
      Load = {
        Type     = "Task"
        Resource = "arn:aws:states:::ecs:runTask.sync"
        Next     = "Adhoc"
        Arguments = {
          TaskDefinition = aws_ecs_task_definition.steps.arn
          Overrides = {
            ContainerOverrides = [{ Name = "steps", Command = ["-m", "steps.load"] }]
          }
        }
      }
      Adhoc = {
        Type     = "Task"
        Resource = "arn:aws:states:::ecs:runTask.sync"
        Next     = "Report"
        Parameters = {
          TaskDefinition = "pipeline-adhoc"
          Overrides = {
            ContainerOverrides = [{ Name = "adhoc", "Command.$" = "$.command" }]
          }
        }
      }
    }, local.report_states)
  })
}
