import json

import boto3

runtime = boto3.client("bedrock-runtime")


def handler(event, context):
    # Allowed: the foundation model in the function's own Region.
    runtime.invoke_model(modelId="amazon.titan-embed-text-v2:0", body=json.dumps({"inputText": event["text"]}))
    # A cross-Region inference profile needs the profile itself, which the policy does not grant: an error.
    runtime.invoke_model(modelId="us.cohere.embed-english-v3", body=json.dumps({"texts": [event["text"]]}))
    # Not granted anywhere: an error.
    runtime.invoke_model(modelId="amazon.titan-embed-image-v1", body=json.dumps({"inputText": event["text"]}))
