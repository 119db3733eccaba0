import boto3

sqs = boto3.client("sqs")


def handler(event, context):
    sqs.send_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/111122223333/acme-orders", MessageBody="x")
