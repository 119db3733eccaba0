import boto3

dynamodb = boto3.client("dynamodb")


def handler(event, context):
    dynamodb.query(TableName="billing", KeyConditionExpression="id = :id")
    dynamodb.get_item(TableName="billing", Key={"id": {"S": event["id"]}})
