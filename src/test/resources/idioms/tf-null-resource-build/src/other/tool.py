import boto3


def run():
    # Not copied into the worker's package: never charged to it.
    boto3.client("s3").delete_bucket(Bucket="jobs")
