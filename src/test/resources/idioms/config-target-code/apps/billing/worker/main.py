import boto3

sqs = boto3.client("sqs")


def run():
    while True:
        for m in sqs.receive_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/bills").get("Messages", []):
            sqs.delete_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/bills",
                               ReceiptHandle=m["ReceiptHandle"])
