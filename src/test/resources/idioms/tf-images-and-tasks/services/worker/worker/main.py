import boto3

sqs = boto3.client("sqs")
s3 = boto3.client("s3")

QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"


def main():
    for m in sqs.receive_message(QueueUrl=QUEUE).get("Messages", []):
        s3.put_object(Bucket="orders-archive", Key=m["MessageId"], Body=m["Body"].encode())


if __name__ == "__main__":
    main()
