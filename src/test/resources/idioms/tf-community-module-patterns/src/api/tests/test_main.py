import boto3


def test_queue():
    boto3.client("sqs").create_queue(QueueName="jobs")
