import boto3

sqs = boto3.client("sqs")


def handler(event, context):
    sqs.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/111122223333/jobs", MessageBody="x")
    sqs.delete_queue(QueueUrl="https://sqs.us-east-1.amazonaws.com/111122223333/jobs")
