import os

import boto3
from chalice import Chalice

app = Chalice(app_name="orders")
table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


@app.route("/orders/{order_id}")
def get_order(order_id):
    return table.get_item(Key={"id": order_id}).get("Item")


@app.route("/orders", methods=["POST"])
def create_order():
    return table.put_item(Item=app.current_request.json_body)
