import boto3

secrets = boto3.client("secretsmanager")
table = boto3.resource("dynamodb").Table("orders")


def handler(event, context):
    token = secrets.get_secret_value(SecretId="api-token")["SecretString"]
    table.put_item(Item={"id": event["id"], "token": token})
