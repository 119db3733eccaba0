# Run by hand from a laptop, never by the task: copied into the image with the rest of the context.
import boto3

for item in boto3.client("dynamodb").scan(TableName="reports")["Items"]:
    print(item)
