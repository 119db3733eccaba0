import boto3


def lambda_handler(event, context):
    return boto3.client("s3").get_object(Bucket="reports", Key=event["key"])
