import boto3
from chalice import Blueprint

bp = Blueprint(__name__)
sqs = boto3.client("sqs")


@bp.schedule("rate(5 minutes)")
def run(event):
    # The same Python name as the reports handler: a different Lambda function with its own role.
    sqs.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/123456789012/jobs-alerts", MessageBody="tick")
