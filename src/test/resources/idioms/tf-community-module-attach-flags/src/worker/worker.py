import os

import boto3

sqs = boto3.client("sqs")
xray = boto3.client("xray")
table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    # Granted by attach_policies (the jobs-read policy).
    job = table.get_item(Key={"id": event["id"]})
    # Granted by attach_tracing_policy.
    xray.put_trace_segments(TraceSegmentDocuments=["{}"])
    # Granted by attach_dead_letter_policy, on the dead-letter queue.
    sqs.send_message(QueueUrl=os.environ["DLQ"], MessageBody="failed")
    # No switch grants this one.
    table.delete_item(Key={"id": event["id"]})
    return job
