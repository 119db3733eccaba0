import boto3

boto3.client("dynamodb").delete_table(TableName="orders")
