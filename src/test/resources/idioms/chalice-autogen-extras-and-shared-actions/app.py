import os

import boto3
from chalice import Chalice

from chalicelib import archive

app = Chalice(app_name="reports")
s3 = boto3.client("s3")


@app.route("/reports/{name}", methods=["PUT"])
def publish(name):
    # The generator sees this call and grants s3:PutObject, but not the s3:PutObjectAcl that ACL= needs.
    s3.put_object(Bucket=os.environ["BUCKET"], Key=name, Body=app.current_request.raw_body, ACL="public-read")
    archive.copy(name)
    return {"ok": True}
