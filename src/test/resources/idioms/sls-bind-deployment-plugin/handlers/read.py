import os

import boto3

client = boto3.client("dynamodb")


def handler(event, context):
    return client.get_item(TableName=os.environ["TABLE"], Key={"id": {"S": event["pathParameters"]["id"]}})
