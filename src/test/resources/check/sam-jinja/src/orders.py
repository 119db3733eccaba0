import boto3

dynamodb = boto3.client("dynamodb")
sqs = boto3.client("sqs")


def handler(event, context):
    item = dynamodb.get_item(TableName="orders-dev", Key={"id": {"S": event["id"]}})
    sqs.send_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/111122223333/orders-dev", MessageBody="x")
    return item
