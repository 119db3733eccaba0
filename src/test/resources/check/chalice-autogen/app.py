import os

import boto3
from chalice import Chalice

from chalicelib.store import Store

app = Chalice(app_name="autogen")
s3 = boto3.client("s3")
store = Store(os.environ["TABLE"])


@app.route("/files")
def files():
    return s3.list_objects_v2(Bucket="autogen-files")["Contents"]


@app.route("/items/{item_id}")
def item(item_id):
    return store.get(item_id)


@app.schedule("rate(1 hour)")
def refresh(event):
    return store.get("latest")
