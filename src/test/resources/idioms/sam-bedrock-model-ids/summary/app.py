import json

import boto3

runtime = boto3.client("bedrock-runtime")

# A cross-Region inference profile: the profile, and the model in the Region it routes to.
PROFILE = "eu.anthropic.claude-3-7-sonnet-20250219-v1:0"
# A foundation model called directly: its ARN has an empty account field.
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"


def handler(event, context):
    short = runtime.invoke_model(modelId=MODEL, body=json.dumps({"prompt": event["text"]}))
    reply = runtime.converse(modelId=PROFILE, messages=[{"role": "user", "content": [{"text": event["text"]}]}])
    return {"short": short["body"].read().decode(), "long": reply["output"]}
