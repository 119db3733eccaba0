import boto3

from helper import cli

table = boto3.resource("dynamodb").Table("orders")


def handler(event, context):
    return table.get_item(Key={"id": event["id"]}).get("Item")


if __name__ == "__main__":
    cli()
else:
    print("imported")
