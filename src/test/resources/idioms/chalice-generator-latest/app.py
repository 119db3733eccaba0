import boto3
from chalice import Chalice

app = Chalice(app_name="inbox")
session = boto3.Session()


@app.route("/messages/{key}")
def read(key):
    body = load(key)
    # A client from a Session is not followed by the generator.
    session.client("sqs").send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/123456789012/read",
                                       MessageBody=key)
    return body


def load(key):
    # Defined below the view: chalice 1.22.1 and later analyse views after the whole module, so this is seen.
    return boto3.client("s3").get_object(Bucket="inbox-messages", Key=key)["Body"].read()
