import boto3
from chalice import Blueprint

bp = Blueprint(__name__)
s3 = boto3.client("s3")


@bp.schedule("rate(1 day)")
def run(event):
    return s3.get_object(Bucket="jobs-reports", Key="daily.csv")["Body"].read()
