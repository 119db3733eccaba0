import boto3

table = boto3.resource("dynamodb").Table("notes")


def handler(event, context):
    table.put_item(Item={"id": event["id"]})
    return table.get_item(Key={"id": event["id"]}).get("Item")
