import boto3

s3 = boto3.client("s3")
sqs = boto3.client("sqs")
dynamodb = boto3.client("dynamodb")
lambda_client = boto3.client("lambda")


def handler(event, context):
    s3.get_object(Bucket="orders-bucket", Key=event["key"])
    sqs.send_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/orders", MessageBody="x")
    dynamodb.get_item(TableName="orders", Key={"id": {"S": event["id"]}})
    lambda_client.invoke(FunctionName="notify")
