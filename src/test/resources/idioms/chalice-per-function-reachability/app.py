from chalice import Chalice

from chalicelib import orders
from chalicelib.admin import admin
from chalicelib.reports import publish_daily

app = Chalice(app_name="shop")
app.register_blueprint(admin, url_prefix="/admin")


@app.route("/orders/{order_id}")
def get_order(order_id):
    return orders.load(order_id)


@app.route("/orders/{order_id}", methods=["DELETE"])
def cancel_order(order_id):
    orders.forget(order_id)
    return {"cancelled": order_id}


@app.schedule("rate(1 day)")
def nightly(event):
    publish_daily()
