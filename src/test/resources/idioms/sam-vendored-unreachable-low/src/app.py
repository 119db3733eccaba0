import boto3

from vendor.tinylib import describe

s3 = boto3.client("s3")


def forward(client, body):
    # client comes from the caller's event plumbing: its type is not known, the call matches by name only (LOW).
    client.put_object(Bucket="acme-outbox", Key="message", Body=body)


def handler(event, context):
    obj = s3.get_object(Bucket="acme-data", Key=event["key"])
    forward(event["sink"], describe(obj))
    return obj
