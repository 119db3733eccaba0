import os

import boto3

from chalicelib.main import app as router

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


@router.route("/users/{user_id}")
def get_user(user_id):
    return table.get_item(Key={"id": user_id}).get("Item")
