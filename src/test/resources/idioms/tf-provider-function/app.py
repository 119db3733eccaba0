import boto3
s3 = boto3.client("s3")
def handler(e, c):
    return s3.get_object(Bucket="my-bucket", Key="k")
