import boto3
from chalice import Blueprint

admin = Blueprint(__name__)
sqs = boto3.client("sqs")


@admin.route("/replay", methods=["POST"])
def replay():
    sqs.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/111122223333/shop-replay", MessageBody="all")
    return {"ok": True}
