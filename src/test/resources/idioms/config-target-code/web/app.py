import boto3
from flask import Flask

app = Flask(__name__)
s3 = boto3.client("s3")


@app.route("/files/<name>")
def read(name):
    return s3.get_object(Bucket="uploads", Key=name)["Body"].read()


@app.route("/files/<name>", methods=["DELETE"])
def delete(name):
    s3.delete_object(Bucket="uploads", Key=name)
    return ""
