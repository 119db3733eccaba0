import datetime
import os

import boto3

s3 = boto3.client("s3")
ssm = boto3.client("ssm")


def db_password():
    resp = ssm.get_parameter(Name=os.environ["DB_PASSWORD_PARAM"], WithDecryption=True)
    return resp["Parameter"]["Value"]


def handler(event, context):
    password = db_password()
    body = build_report(password)
    key = "daily/%s.csv" % datetime.date.today().isoformat()
    s3.put_object(
        Bucket=os.environ["BUCKET"],
        Key=key,
        Body=body,
        ServerSideEncryption="aws:kms",
        SSEKMSKeyId=os.environ["KEY_ARN"],
    )
    return {"key": key}


def build_report(password):
    return "date,total\n"
