import os

import boto3

sqs = boto3.client("sqs")
dynamodb = boto3.resource("dynamodb")
table = dynamodb.Table(os.environ["TABLE_NAME"])


def handler(event, context):
    # The queue's Environment tag is var.environment, which is not known offline: denied for some values.
    sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody="x")
    # The table's ARN has an unknown region and account, so which table it is (and its tags) is not certain.
    table.put_item(Item={"id": event["id"]})
    # A queue the project does not declare: its tags are not known at all.
    sqs.send_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/legacy", MessageBody="x")
    # No statement allows it whatever the tags: certainly denied.
    table.get_item(Key={"id": event["id"]})
