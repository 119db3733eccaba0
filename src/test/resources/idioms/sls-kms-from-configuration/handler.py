import boto3

sqs = boto3.client("sqs")


def notify(event, context):
    # The outbox queue is encrypted with AppKey: kms:Decrypt is granted, kms:GenerateDataKey is not.
    sqs.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/111122223333/outbox", MessageBody="hi")
