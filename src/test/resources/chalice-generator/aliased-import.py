import boto3 as b3
from chalice import Chalice
app=Chalice(app_name="x")
@app.route("/")
def i():
    b3.client("s3").list_buckets()
