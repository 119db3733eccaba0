import os

import blobstore
import boto3
from chalice import Chalice

app = Chalice(app_name="archive")
table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


@app.route("/items", methods=["POST"])
def add():
    item = app.current_request.json_body
    table.put_item(Item=item)
    blobstore.keep(item["id"], item)
    return {"ok": True}
