from chalice import Chalice

from chalicelib import listing

app = Chalice(app_name="reports")


@app.route("/reports")
def reports():
    return listing.names("reports")
