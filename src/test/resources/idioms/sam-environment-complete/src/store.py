import os

import boto3


class Store:
    def __init__(self):
        self.table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])

    def save(self, order):
        self.table.put_item(Item=order)
        return order
