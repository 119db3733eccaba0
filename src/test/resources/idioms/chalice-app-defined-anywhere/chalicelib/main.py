import os

import boto3
from chalice import Blueprint, Chalice

from chalicelib import jobs


class InventoryApp(Chalice):
    """A subclass of Chalice is still the app."""


app = InventoryApp(app_name="inventory")
app.register_blueprint(jobs.bp, "jobs_")
s3 = boto3.client("s3")


def list_items():
    return s3.list_objects_v2(Bucket=os.environ["BUCKET"])


def nightly(event, context):
    return s3.get_object(Bucket=os.environ["BUCKET"], Key="report.csv")


# The call form of the decorators: what @app.route(...) expands to.
app.route("/items", methods=["GET"])(list_items)
app.lambda_function(name="nightly_report")(nightly)

from chalicelib import users  # noqa: E402,F401  (registers its routes on import)
