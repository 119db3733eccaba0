# An operator's module that no handler imports: listed by scan, charged to no target.
import boto3


def wipe():
    boto3.client("s3").delete_object(Bucket="acme-data", Key="everything")
