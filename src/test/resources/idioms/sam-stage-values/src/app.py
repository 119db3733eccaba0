import os
from functools import wraps

import boto3

dynamodb = boto3.resource("dynamodb")
s3 = boto3.client("s3")
STAGE = os.environ["STAGE"]

if STAGE == "prod":
    CUSTOMERS = "customers"
else:
    CUSTOMERS = "customers-" + STAGE


def staged(fn):
    @wraps(fn)
    def wrapper(table_name, *args):
        if os.environ["STAGE"] != "prod":
            table_name += "-dev"
        return fn(table_name, *args)

    return wrapper


@staged
def read(table_name, key):
    return dynamodb.Table(table_name).get_item(Key=key)


def export(body):
    key = "prod" if STAGE == "prod" else "dev"
    key += "/export.json"
    s3.put_object(Bucket="acme-exports", Key=key, Body=body)


def handler(event, context):
    order = read("orders", {"id": event["id"]})
    customer = dynamodb.Table(CUSTOMERS).get_item(Key={"id": event["customer"]})
    export(str(order) + str(customer))
