import boto3


def cli():
    boto3.client("sqs").purge_queue(QueueUrl="x")
