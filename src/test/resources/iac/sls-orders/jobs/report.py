import os

import boto3

from common.db import table

sqs = boto3.client("sqs")


def run(event, context):
    rows = table.scan()["Items"]
    sqs.delete_message(QueueUrl=os.environ["QUEUE_URL"], ReceiptHandle=event["Records"][0]["receiptHandle"])
    return len(rows)
