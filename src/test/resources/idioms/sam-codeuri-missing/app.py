import boto3


def handler(event, context):
    boto3.client("ec2").stop_instances(InstanceIds=event["ids"])
