import os

import boto3

sqs = boto3.client("sqs")


def handler(event, context):
    got = sqs.receive_message(QueueUrl=os.environ["QUEUE_URL"], MaxNumberOfMessages=10)
    for m in got.get("Messages", []):
        sqs.delete_message(QueueUrl=os.environ["QUEUE_URL"], ReceiptHandle=m["ReceiptHandle"])
    return {"drained": len(got.get("Messages", []))}
