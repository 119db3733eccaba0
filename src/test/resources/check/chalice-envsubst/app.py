import boto3
from chalice import Chalice

app = Chalice(app_name="orders")
table = boto3.resource("dynamodb").Table("orders")


@app.route("/")
def index():
    table.get_item(Key={"id": "1"})
    table.delete_item(Key={"id": "1"})
    return {}
