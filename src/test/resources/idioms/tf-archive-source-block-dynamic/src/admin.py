import boto3


def purge():
    boto3.client("sqs").purge_queue(QueueUrl="https://sqs.eu-west-1.amazonaws.com/111122223333/events")
