import boto3

# Run by hand, never by the state machine: not the steps task's code.
boto3.client("sqs").purge_queue(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/pipeline-dlq")
