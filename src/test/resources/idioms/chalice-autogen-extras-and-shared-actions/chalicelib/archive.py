import os

import boto3

s3 = boto3.client("s3")


def copy(name):
    # Not in app.py, but the same action as a call the generator sees: the generated policy allows it.
    s3.put_object(Bucket=os.environ["BUCKET"], Key="archive/" + name, Body=b"")
    # Not in app.py and no visible call brings s3:GetObject: denied.
    return s3.get_object(Bucket=os.environ["BUCKET"], Key=name)
