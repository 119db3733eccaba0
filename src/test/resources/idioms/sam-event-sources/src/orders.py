import os

import boto3

sqs = boto3.client("sqs")
QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/acme-orders"


def handler(event, context):
    for record in event["Records"]:
        # Deleting the message early: allowed by the managed policy SAM attaches for the SQS event.
        sqs.delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=record["receiptHandle"])
    return {"n": len(event["Records"])}
