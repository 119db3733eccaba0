import json
import os

import boto3

from common.db import table

sqs = boto3.client("sqs")


def create(event, context):
    order = json.loads(event["body"])
    table.put_item(Item=order)
    sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=order["id"])
    return {"statusCode": 201}
