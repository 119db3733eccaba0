import boto3

from queues import QUEUE

sqs = boto3.client("sqs")
s3 = boto3.client("s3")


def main():
    for m in sqs.receive_message(QueueUrl=QUEUE).get("Messages", []):
        s3.put_object(Bucket="reports", Key=m["MessageId"], Body=m["Body"].encode())


if __name__ == "__main__":
    main()
