import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    item = table.get_item(Key={"id": event["id"]}).get("Item")
    table.put_item(Item={"id": event["id"], "seen": True})
    return item
