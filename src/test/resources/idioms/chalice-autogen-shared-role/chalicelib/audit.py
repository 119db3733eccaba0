import boto3

logs = boto3.client("dynamodb")


def record(name):
    # Only the route reaches this: a miss for api_handler, nothing for the schedule.
    logs.put_item(TableName="docs-audit", Item={"name": {"S": name}})
