import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
IS_PROD = os.environ.get("STAGE") == "prod"


def handler(event, context):
    item = table.get_item(Key={"id": event["id"]})
    if os.environ["STAGE"] == "prod":
        # Only production purges: dev's read-only role never runs this.
        table.delete_item(Key={"id": event["id"]})
    if IS_PROD:
        table.update_item(Key={"id": event["id"]}, UpdateExpression="SET seen = :t")
    audit(event)
    if os.environ["STAGE"] == "qa":
        # No function of this template is qa: charged to none of them.
        table.scan()
    return item


def audit(event):
    if os.environ["STAGE"] != "dev":
        return
    # Reached only in dev (an early return in every other stage).
    table.put_item(Item={"id": "audit", "event": str(event)})

