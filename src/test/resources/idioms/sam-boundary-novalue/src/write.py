import boto3

table = boto3.resource("dynamodb").Table("acme-items")


def handler(event, context):
    table.put_item(Item={"id": event["id"]})
