from models import Order, Product


def handler(event, context):
    Product.get(event["sku"])
    Order.get(event["id"])
