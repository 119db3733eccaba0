import boto3

from helpers import audit
from models import Order


def export_report(name):
    # A stale copy of audit.export_report: nothing calls this one.
    boto3.client("ssm").get_parameter(Name="/reports/" + name)


def handler(event, context):
    audit.export_report("daily")
    return Order.lookup(event["id"])
