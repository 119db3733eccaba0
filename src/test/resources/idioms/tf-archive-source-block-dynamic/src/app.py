import boto3

s3 = boto3.client("s3")
sqs = boto3.client("sqs")


def handler(event, context):
    s3.get_object(Bucket="app-data", Key=event["key"])
    sqs.send_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/111122223333/events", MessageBody="x")
