import boto3


def purge():
    boto3.client("sqs").delete_queue(QueueUrl="https://sqs.eu-west-1.amazonaws.com/111122223333/old")
