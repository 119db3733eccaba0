import boto3


def run(event, context):
    boto3.client("s3").delete_object(Bucket="acme-docs", Key=event["key"])
