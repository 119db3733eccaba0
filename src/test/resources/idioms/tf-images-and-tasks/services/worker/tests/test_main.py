import boto3


def test_table():
    boto3.client("dynamodb").create_table(TableName="t", KeySchema=[], AttributeDefinitions=[])
