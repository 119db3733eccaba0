import boto3

s3 = boto3.client("s3")
rekognition = boto3.client("rekognition")


def handler(event, context):
    s3.get_object(Bucket="thumbs", Key=event["key"])
    rekognition.detect_labels(Image={"S3Object": {"Bucket": "thumbs", "Name": event["key"]}})
