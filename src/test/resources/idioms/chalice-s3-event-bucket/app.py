import os

import boto3
from chalice import Chalice

app = Chalice(app_name='thumbs')
s3 = boto3.client('s3')
UPLOADS = os.environ['UPLOADS']


@app.on_s3_event(bucket=UPLOADS, events=['s3:ObjectCreated:*'])
def on_upload(event):
    return s3.get_object(Bucket=event.bucket, Key=event.key)['ContentLength']


@app.on_s3_event('thumbs-archive')
def on_archive(event):
    bucket = event.bucket
    return s3.head_object(Bucket=bucket, Key=event.key)['ContentLength']
