import boto3


def test_teardown():
    boto3.client("dynamodb").delete_table(TableName="orders")
