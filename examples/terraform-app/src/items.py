import json
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
ssm = boto3.client("ssm")


def load_config():
    pages = ssm.get_paginator("get_parameters_by_path").paginate(
        Path=os.environ["CONFIG_PATH"], Recursive=True
    )
    return {p["Name"]: p["Value"] for page in pages for p in page["Parameters"]}


def handler(event, context):
    config = load_config()
    item = json.loads(event["body"])
    TABLE.put_item(Item=item)
    return TABLE.get_item(Key={"id": item["id"]}).get("Item")
