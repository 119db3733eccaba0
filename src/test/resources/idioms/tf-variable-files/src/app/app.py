import boto3

dynamodb = boto3.client("dynamodb")
sqs = boto3.client("sqs")
s3 = boto3.client("s3")
sns = boto3.client("sns")
ssm = boto3.client("ssm")


def handler(event, context):
    dynamodb.get_item(TableName="orders", Key={"id": {"S": "1"}})
    sqs.send_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/123456789012/jobs", MessageBody="x")
    s3.get_object(Bucket="prod-bucket", Key="k")
    sns.publish(TopicArn="arn:aws:sns:eu-west-1:123456789012:alerts-blue", Message="x")
    ssm.get_parameter(Name="/prod/db-url")
    s3.get_object(Bucket="dev-bucket", Key="k")
