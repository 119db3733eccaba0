import os

import boto3

from store import Store

s3 = boto3.client("s3")
sqs = boto3.client("sqs")
sns = boto3.client("sns")


def handler(event, context):
    audit(event)
    if event.get("kind") == "upload":
        return upload(event)
    store = Store()
    return store.save(event["order"])


def upload(event):
    if "QUEUE_URL" in os.environ:
        sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=event["name"])
    bucket = os.environ["BUCKET"]
    s3.put_object(Bucket=bucket, Key="uploads/" + event["name"], Body=event["body"])


def audit(event):
    try:
        topic = os.environ["AUDIT_TOPIC"]
    except KeyError:
        topic = "arn:aws:sns:us-east-1:123456789012:audit"
    sns.publish(TopicArn=topic, Message=str(event))
