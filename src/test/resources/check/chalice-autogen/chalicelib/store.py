import boto3


class Store:
    def __init__(self, name):
        self.table = boto3.resource("dynamodb").Table(name)

    def get(self, item_id):
        return self.table.get_item(Key={"id": item_id}).get("Item")
