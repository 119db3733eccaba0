import os

import boto3
from chalice import Chalice

app = Chalice(app_name="listeners")
s3 = boto3.client("s3")

LISTENERS = {
    "queues": [
        {"name": os.environ.get("ORDERS_QUEUE"), "batch_size": 1},
        {"name": os.environ.get("RETURNS_QUEUE", "returns"), "batch_size": 5},
    ]
}


def handle(event):
    for record in event:
        s3.put_object(Bucket="listener-archive", Key=record.message_id, Body=record.body)


for queue in LISTENERS.get("queues"):
    name = "sqs_" + str(queue.get("name")).replace(".", "-")

    @app.on_sqs_message(queue=queue.get("name"), batch_size=queue.get("batch_size"), name=name)
    def listener(event):
        handle(event)
