from pynamodb.attributes import UnicodeAttribute

from extensions import db


class Product(db.Model):
    class Meta:
        table_name = "products"
        region = "us-east-1"

    sku = UnicodeAttribute(hash_key=True)


class Order(Product):
    class Meta:
        table_name = "orders"
        region = "us-east-1"
