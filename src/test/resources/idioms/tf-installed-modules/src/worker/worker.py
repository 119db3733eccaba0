import boto3

sqs = boto3.client("sqs")
s3 = boto3.client("s3")


def handler(event, context):
    sqs.receive_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/jobs")
    s3.get_object(Bucket="worker-input", Key=event["key"])
