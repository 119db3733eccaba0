import boto3

s3 = boto3.client("s3")


def archive(key, body):
    s3.put_object(Bucket="acme-reports", Key="archive/" + key, Body=body)
