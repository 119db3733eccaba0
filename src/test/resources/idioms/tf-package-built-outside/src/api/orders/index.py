import boto3


def handler(event, context):
    boto3.resource("dynamodb").Table("orders").put_item(Item=event)
