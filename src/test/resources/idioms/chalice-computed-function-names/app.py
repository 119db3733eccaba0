import os

import boto3
from chalice import Chalice

app = Chalice(app_name="orders")
STAGE = os.environ.get("STAGE", "dev")
QUEUE = os.environ["QUEUE"]
sqs = boto3.client("sqs")
s3 = boto3.client("s3")


@app.lambda_function(name="signup-hook-%s" % STAGE)
def signup_hook(event, context):
    sqs.send_message(QueueUrl=sqs.get_queue_url(QueueName=QUEUE)["QueueUrl"], MessageBody="signup")
    return event


@app.on_sqs_message(queue=QUEUE, name="sqs_" + QUEUE.replace(".", "-"))
def on_order(event):
    for record in event:
        s3.put_object(Bucket="orders-archive", Key=record.message_id, Body=record.body)


@app.schedule("rate(1 hour)", name=f"cleanup-{STAGE}")
def cleanup(event):
    return None


@app.lambda_function(name=open("runner-a.txt").read().strip())
def runner_a(event, context):
    return None


@app.lambda_function(name=open("runner-b.txt").read().strip())
def runner_b(event, context):
    return None
