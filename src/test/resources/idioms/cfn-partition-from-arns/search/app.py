import os

import boto3

runtime = boto3.client("sagemaker-runtime")


def handler(event, context):
    reply = runtime.invoke_endpoint(EndpointName=os.environ["ENDPOINT"], ContentType="application/json",
                                    Body=event["body"])
    return reply["Body"].read()
