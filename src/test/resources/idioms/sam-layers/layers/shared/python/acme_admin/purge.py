import boto3


def purge():
    # In the layer, but no function imports it: never charged.
    boto3.client("s3").delete_bucket(Bucket="acme-reports")
