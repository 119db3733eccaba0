import boto3

s3 = boto3.client("s3")


def compact():
    # Not in app.py, but the route's call there brings s3:GetObject to the role this function shares.
    s3.get_object(Bucket="docs-store", Key="index.json")
    # No call the generator sees brings s3:DeleteObject: denied.
    s3.delete_object(Bucket="docs-store", Key="index.old")
