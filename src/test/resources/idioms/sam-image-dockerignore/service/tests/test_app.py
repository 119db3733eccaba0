import boto3


def test_bucket():
    boto3.client("s3").create_bucket(Bucket="acme-reports")
