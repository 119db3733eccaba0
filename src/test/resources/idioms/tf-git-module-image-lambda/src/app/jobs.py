import boto3

s3 = boto3.client("s3")


def handler(event, context):
    body = s3.get_object(Bucket="acme-data", Key="in/" + event["name"])["Body"].read()
    s3.put_object(Bucket="acme-data", Key="out/" + event["name"], Body=body)
