import boto3
from boto3.dynamodb.conditions import Key


class OrdersDB:
    def __init__(self, table_name, resource=None):
        self.resource = resource or boto3.resource("dynamodb")
        self.table = self.resource.Table(table_name)

    def put(self, order):
        self.table.put_item(Item=order)

    def get(self, order_id):
        return self.table.get_item(Key={"id": order_id}).get("Item")

    def update_status(self, order_id, status):
        self.table.update_item(
            Key={"id": order_id},
            UpdateExpression="SET #s = :s",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": status},
        )

    def delete(self, order_id):
        self.table.delete_item(Key={"id": order_id})

    def by_customer(self, email):
        return self.table.query(
            IndexName="by-customer",
            KeyConditionExpression=Key("email").eq(email),
        )["Items"]
