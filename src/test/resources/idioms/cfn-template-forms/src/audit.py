import boto3


def handler(event, context):
    boto3.client("logs").create_log_group(logGroupName="/acme/audit")
