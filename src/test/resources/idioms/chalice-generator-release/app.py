import boto3
from chalice import Chalice

app = Chalice(app_name="ledger")
entries = boto3.client("dynamodb")


@app.route("/entries/{entry_id}")
def read(entry_id):
    # Seen by every release: dynamodb:GetItem is granted.
    item = entries.get_item(TableName="ledger", Key={"id": {"S": entry_id}})
    notify(entry_id)
    return item


@app.route("/entries", methods=["POST"])
def create():
    handlers = {"create": put_entry}
    return handlers["create"](app.current_request.json_body)


def notify(entry_id):
    # Defined below the view that calls it: chalice before 1.22.1 analysed each view right after its def.
    boto3.client("sns").publish(TopicArn="arn:aws:sns:us-east-1:123456789012:ledger", Message=entry_id)


def put_entry(body):
    # Reached only through the dict in create(): no chalice release follows it.
    entries.put_item(TableName="ledger", Item=body)
    return body


@app.on_cw_event({"source": ["aws.health"]})
def on_health(event):
    # on_cw_event is not among the decorators whose functions the generator analyses.
    boto3.client("sqs").send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/123456789012/ops",
                                     MessageBody="health")


@app.schedule("rate(1 day)")
def export(event):
    pages = boto3.client("s3").get_paginator("list_objects_v2")
    for page in pages.paginate(Bucket="ledger-exports"):
        print(page)
    return [boto3.client("sqs").purge_queue(QueueUrl=u) for u in ["https://sqs.us-east-1.amazonaws.com/123456789012/a"]]
