import boto3
from chalice import Chalice, Rate

from chalicelib.settings import settings

app = Chalice(app_name="scores")
dynamodb = boto3.resource("dynamodb")

short_stage = settings.STAGE
if short_stage == "production":
    short_stage = "prod"


@app.schedule(Rate(20, unit=Rate.MINUTES), name="score-%s-scheduler" % short_stage)
def scheduler(event):
    dynamodb.Table(settings.TABLE).query(KeyConditionExpression="pk = :p")


@app.lambda_function(name="signup-hook-{}".format(settings.STAGE))
def signup_hook(event, context):
    return event
