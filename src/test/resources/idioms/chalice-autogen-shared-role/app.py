import boto3
from chalice import Chalice

from chalicelib import archive, audit

app = Chalice(app_name="docs")
s3 = boto3.client("s3")


@app.route("/docs/{name}")
def read(name):
    # Seen by chalice's generator: the role every function shares is granted s3:GetObject.
    body = s3.get_object(Bucket="docs-store", Key=name)["Body"].read()
    audit.record(name)
    return body


@app.schedule("rate(1 day)")
def compact(event):
    archive.compact()
