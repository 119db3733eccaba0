import os

import boto3

table = boto3.resource("dynamodb").Table("orders")
sqs = boto3.client("sqs")


def main(event, context):
    table.put_item(Item={"id": event["id"]})
    sqs.send_message(QueueUrl=os.environ.get("QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-events"), MessageBody="x")
