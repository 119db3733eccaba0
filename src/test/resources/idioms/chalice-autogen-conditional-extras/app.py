import os

import boto3
from chalice import Chalice

app = Chalice(app_name="notes")
ssm = boto3.client("ssm")
s3 = boto3.client("s3")


@app.route("/notes/{name}", methods=["PUT"])
def save(name):
    # kms:Decrypt is needed only if the parameter's key is customer managed (aws/ssm needs no statement).
    token = ssm.get_parameter(Name="/notes/token", WithDecryption=True)["Parameter"]["Value"]
    # 'private' is every object's default ACL: whether S3 checks s3:PutObjectAcl for it is not known.
    s3.put_object(Bucket=os.environ["BUCKET"], Key=name, Body=token.encode(), ACL="private")
    return {"ok": True}
