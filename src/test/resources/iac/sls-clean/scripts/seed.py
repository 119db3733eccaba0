# A developer's script, left out of the package: its calls are not the function's.
import boto3

boto3.client("dynamodb").delete_table(TableName="reports-prod")
