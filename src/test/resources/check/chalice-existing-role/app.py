import boto3
from chalice import Chalice

app = Chalice(app_name="existing")
sqs = boto3.client("sqs")


@app.route("/")
def index():
    sqs.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/111122223333/jobs", MessageBody="x")
    return {}
