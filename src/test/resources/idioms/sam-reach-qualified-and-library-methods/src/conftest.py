from models import Order


def tables():
    Order.create_table()
