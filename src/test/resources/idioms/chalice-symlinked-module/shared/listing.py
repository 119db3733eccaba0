import boto3

s3 = boto3.client("s3")


def names(bucket):
    # The module lives in shared/ and chalicelib/listing.py links to it: chalice packages the linked content.
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
