import boto3

sqs = boto3.client("sqs")


def handler(event, context):
    return sqs.receive_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/111111111111/orders")
