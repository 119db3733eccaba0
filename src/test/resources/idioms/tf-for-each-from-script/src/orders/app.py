import boto3

dynamodb = boto3.client("dynamodb")


def handler(event, context):
    dynamodb.get_item(TableName="orders", Key={"id": {"S": event["id"]}})
    dynamodb.put_item(TableName="orders", Item={"id": {"S": event["id"]}})
