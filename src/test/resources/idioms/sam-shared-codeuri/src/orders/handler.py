import boto3

table = boto3.resource("dynamodb").Table("orders")


def main(event, context):
    table.put_item(Item={"id": event["id"]})
    return {"ok": True}
