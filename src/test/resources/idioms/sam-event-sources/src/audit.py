def handler(event, context):
    return [r["body"] for r in event["Records"]]
