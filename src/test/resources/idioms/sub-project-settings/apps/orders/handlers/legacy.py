import boto3

s3 = boto3.client("s3")


def cleanup(order_id):
    s3.delete_object(Bucket="orders-legacy", Key="orders/" + order_id)
