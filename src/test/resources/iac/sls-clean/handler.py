import os

import boto3

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")


def main(event, context):
    s3.get_object(Bucket=os.environ["BUCKET"], Key="latest.csv")
    return dynamodb.query(
        TableName=os.environ["TABLE"],
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": event["id"]}},
    )
