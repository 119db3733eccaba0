import boto3


def test_upload():
    boto3.client("s3").create_bucket(Bucket="uploads")
