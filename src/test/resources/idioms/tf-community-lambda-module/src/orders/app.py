import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
sqs = boto3.client("sqs")


def handler(event, context):
    table.put_item(Item={"id": event["id"]})
    sqs.send_message(QueueUrl=os.environ["QUEUE"], MessageBody=event["id"])
