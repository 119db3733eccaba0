import boto3

table = boto3.resource("dynamodb").Table("acme-items")


def handler(event, context):
    return table.get_item(Key={"id": event["id"]})
