import boto3

s3 = boto3.client("s3")


def handler(event, context):
    key = "reports/" + event["day"]
    key += "/daily.csv"
    s3.put_object(Bucket="reports-bucket", Key=key, Body=b"")
