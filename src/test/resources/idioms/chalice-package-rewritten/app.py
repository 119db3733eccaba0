import os

import boto3
from chalice import Chalice

app = Chalice(app_name="uploads")
bucket = boto3.resource("s3").Bucket(os.environ["BUCKET"])


@app.route("/upload/{name}", methods=["PUT"])
def upload(name):
    bucket.put_object(Key=name, Body=app.current_request.raw_body)
    return {"stored": name}
