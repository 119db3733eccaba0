import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
s3 = boto3.client("s3")


def run():
    rows = table.query(KeyConditionExpression="pk = :d", ExpressionAttributeValues={":d": "today"})["Items"]
    s3.put_object(Bucket=os.environ["REPORT_BUCKET"], Key="daily.csv", Body=str(rows).encode())


if __name__ == "__main__":
    run()
