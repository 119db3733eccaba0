import boto3


def handler(event, context):
    boto3.client("s3").delete_bucket(Bucket="scratch")
