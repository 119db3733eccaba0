import boto3

s3 = boto3.client("s3")


def publish(name):
    body = s3.get_object(Bucket="acme-docs", Key="drafts/" + name)["Body"].read()
    s3.put_object(Bucket="acme-docs", Key="published/" + name, Body=body)
