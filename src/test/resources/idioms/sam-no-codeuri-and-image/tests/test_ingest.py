import boto3


def test_roundtrip():
    boto3.client("s3").create_bucket(Bucket="test-bucket")
