import boto3

sns = boto3.client("sns")


def handler(event, context):
    sns.publish(TopicArn="arn:aws:sns:eu-west-1:123456789012:reports", Message="done")
    boto3.client("s3").put_object(Bucket="reports", Key="r", Body=b"")
