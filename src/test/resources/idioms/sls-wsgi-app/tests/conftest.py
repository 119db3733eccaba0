import boto3


def clean_table():
    table = boto3.resource("dynamodb").Table("notes")
    for item in table.scan()["Items"]:
        table.delete_item(Key={"id": item["id"]})
