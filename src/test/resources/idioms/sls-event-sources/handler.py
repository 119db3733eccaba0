import boto3

sqs = boto3.client("sqs")
INBOX = "https://sqs.us-east-1.amazonaws.com/111122223333/inbox"


def process(event, context):
    for record in event["Records"]:
        sqs.delete_message(QueueUrl=INBOX, ReceiptHandle=record["receiptHandle"])


def archive(event, context):
    return [r["dynamodb"]["Keys"] for r in event["Records"]]
