import boto3

boto3.client("sqs").purge_queue(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/reports")
