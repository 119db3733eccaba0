import boto3

from app import queue


def main():
    for body in queue.receive():
        boto3.client("s3").put_object(Bucket="orders-archive", Key="order.json", Body=body)


main()
