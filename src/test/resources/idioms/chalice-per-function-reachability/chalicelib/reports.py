import boto3

s3 = boto3.client("s3")


def publish_daily():
    # Only the schedule calls this; api_handler imports the module (app.py does) but never runs the function.
    s3.put_object(Bucket="shop-reports", Key="daily.csv", Body=b"")
