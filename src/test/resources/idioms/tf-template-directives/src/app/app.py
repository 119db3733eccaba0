import boto3

dynamodb = boto3.client("dynamodb")
sqs = boto3.client("sqs")
s3 = boto3.client("s3")


def handler(event, context):
    dynamodb.get_item(TableName="customers", Key={"id": {"S": event["id"]}})
    dynamodb.put_item(TableName="orders", Item={"id": {"S": event["id"]}})
    dynamodb.query(TableName="orders", IndexName="by-date", KeyConditionExpression="d = :d")
    sqs.send_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/jobs", MessageBody="x")
    s3.put_object(Bucket="audit-bucket", Key="a", Body=b"x")
    sns = boto3.client("sns")
    sns.publish(TopicArn="arn:aws:sns:eu-west-1:123456789012:alerts", Message="done")
    sns.publish(TopicArn="arn:aws:sns:eu-west-1:123456789012:audit", Message="done")
