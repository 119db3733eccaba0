"""Orders API: create, read, update and cancel orders; mails a confirmation."""
import os

from chalice import Chalice

from chalicelib.db import OrdersDB
from chalicelib.mail import Mailer

app = Chalice(app_name="chalice-orders")

_db = None


def get_db():
    # Lazily created so that unit tests can run without AWS credentials.
    global _db
    if _db is None:
        _db = OrdersDB(os.environ["TABLE_NAME"])
    return _db


mailer = Mailer(os.environ.get("SENDER", "orders@example.com"))


@app.route("/orders", methods=["POST"])
def create_order():
    order = app.current_request.json_body
    get_db().put(order)
    mailer.confirm(order["email"], order["id"])
    return {"id": order["id"]}


@app.route("/orders/{order_id}", methods=["GET"])
def get_order(order_id):
    return get_db().get(order_id)


@app.route("/orders/{order_id}", methods=["PUT"])
def update_order(order_id):
    get_db().update_status(order_id, app.current_request.json_body["status"])
    return {"ok": True}


@app.route("/orders/{order_id}", methods=["DELETE"])
def cancel_order(order_id):
    get_db().delete(order_id)
    return {"ok": True}


@app.route("/customers/{email}/orders", methods=["GET"])
def orders_of_customer(email):
    return get_db().by_customer(email)
