import boto3

from lib.store import archive

s3 = boto3.client("s3")


def handler(event, context):
    body = s3.get_object(Bucket="acme-reports", Key=event["key"])["Body"].read()
    archive(event["key"], body)
    return {"size": len(body)}
