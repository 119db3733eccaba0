import os

import boto3

import legacy

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    table.put_item(Item={"id": event["id"]})
    legacy.cleanup(event["id"])
