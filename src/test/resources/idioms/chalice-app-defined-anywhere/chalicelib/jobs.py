import boto3
from chalice import Blueprint

bp = Blueprint(__name__)
sqs = boto3.client("sqs")


@bp.on_sqs_message(queue="work")
def work(event):
    for record in event:
        sqs.send_message(QueueUrl=record.body, MessageBody="done")
