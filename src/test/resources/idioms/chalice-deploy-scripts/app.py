import os

import boto3
from chalice import Chalice

app = Chalice(app_name="uploads")
s3 = boto3.client("s3")


@app.route("/files/{name}", methods=["PUT"])
def put_file(name):
    s3.put_object(Bucket=os.environ["BUCKET"], Key=name, Body=app.current_request.raw_body)
    return {"ok": True}


@app.lambda_function(name="cleanup")
def cleanup(event, context):
    s3.delete_object(Bucket=os.environ["BUCKET"], Key=event["key"])
