import boto3


def lambda_handler(event, context):
    return boto3.client("dynamodb").get_item(TableName="orders", Key={"id": {"S": event["id"]}})
