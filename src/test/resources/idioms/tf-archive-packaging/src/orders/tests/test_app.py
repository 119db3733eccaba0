import boto3


def test_cleanup():
    boto3.client("s3").delete_bucket(Bucket="orders-test")
