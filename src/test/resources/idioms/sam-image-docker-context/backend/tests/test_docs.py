import boto3


def test_publish():
    boto3.client("s3").create_bucket(Bucket="acme-docs-test")
