import os
import queue

import boto3
import market_data
import unknown_helpers

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
client = boto3.client("dynamodb")
market = market_data.Client()
pending = queue.Queue()
helper = unknown_helpers.make()


def handler(event, context):
    table.query(KeyConditionExpression="symbol = :s")
    # A same-named method of a library the requirements name, or of the standard library: never an AWS call.
    market.query(symbol=event["symbol"])
    market.scan()
    # A package nobody declares may wrap a client: matched by name, with low confidence.
    helper.scan(TableName="quotes")
