import boto3

def create(e, c):
    boto3.client("s3").list_buckets()
