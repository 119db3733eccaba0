import boto3
from storelib import open_store

from chalicelib import settings

table = boto3.resource("dynamodb").Table("orders")


def load(order_id):
    return table.get_item(Key={"id": order_id, "stage": settings.STAGE})


def forget(order_id):
    # open_store() comes from a library the scanner does not read: the receiver's type is unknown, and
    # delete_item is matched by its name only.
    store = open_store()
    store.delete_item(Key={"id": order_id})
