import os

import boto3

s3 = boto3.client("s3")


def save(key, body):
    s3.put_object(Bucket=os.environ["BUCKET"], Key=key, Body=body)
