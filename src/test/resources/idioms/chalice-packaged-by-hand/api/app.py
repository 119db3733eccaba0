import os

import boto3
from boto3.dynamodb.conditions import Key
from chalice import Chalice

app = Chalice(app_name="gallery-api")
photos = boto3.resource("dynamodb").Table(os.environ["PHOTO_TABLE"])
s3 = boto3.client("s3")


@app.route("/albums/{album}")
def album(album):
    return photos.query(KeyConditionExpression=Key("album").eq(album))["Items"]


@app.route("/albums/{album}/cover", methods=["PUT"])
def cover(album):
    s3.put_object(Bucket=os.environ["PHOTO_BUCKET"], Key="covers/" + album, Body=app.current_request.raw_body)
    return {"ok": True}
