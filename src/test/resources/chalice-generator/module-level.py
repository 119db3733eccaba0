import boto3
from chalice import Chalice

app = Chalice(app_name="m")
NAME = "dynamodb"


def make():
    return boto3.client(NAME)


DB = make()
EVENTS = EB = (boto3.client("events"))
[boto3.client("sqs").purge_queue(QueueUrl=u) for u in ["a"]]
table: object = boto3.client("ssm")


def store(client, item):
    client.put_item(TableName="t", Item=item)


@app.route("/items", methods=["POST"])
def create():
    store(DB, {})
    EB.put_events(Entries=[])
    table.get_parameter(Name="x")
    return {}


@app.route("/flag")
def flag():
    global DB
    DB.get_item(TableName="t", Key={})
    return {}
