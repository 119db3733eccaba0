terraform {
  required_version = ">= 1.5"
}

resource "aws_sqs_queue" "events" {
  name = "orders-events"
}

module "orders" {
  source    = "../../"
  name      = "orders-queue"
  queue_arn = aws_sqs_queue.events.arn
}
