import logging

import boto3

logger = logging.getLogger(__name__)
# Created for a later feature; never called yet.
api = boto3.client("apigatewaymanagementapi")


def handler(event, context):
    logger.info("saving %s", event["connectionId"])
    f = open("/tmp/last", "w")
    f.write(event["connectionId"])
    f.close()
