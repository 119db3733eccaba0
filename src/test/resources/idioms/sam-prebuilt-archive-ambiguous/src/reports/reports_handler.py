import boto3


def lambda_handler(event, context):
    boto3.client("sqs").send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/111122223333/reports", MessageBody="x")
