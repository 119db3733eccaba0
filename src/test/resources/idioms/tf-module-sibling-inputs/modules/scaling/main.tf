variable "instance_profile" {
  type = string
}

resource "aws_launch_template" "nodes" {
  name = "nodes"
  iam_instance_profile {
    arn = var.instance_profile
  }
}

resource "aws_autoscaling_group" "nodes" {
  name     = "nodes"
  min_size = 1
  max_size = 4
  launch_template {
    id = aws_launch_template.nodes.id
  }
}

output "group_arn" { value = aws_autoscaling_group.nodes.arn }
output "group_name" { value = aws_autoscaling_group.nodes.name }
