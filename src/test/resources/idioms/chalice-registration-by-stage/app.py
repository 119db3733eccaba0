import os

import boto3
from chalice import Chalice

app = Chalice(app_name="hooks")
sqs = boto3.client("sqs")

STAGE = os.environ.get("STAGE", "dev")
STAGES_WITH_HOOKS = ["dev", "production"]
if isinstance(os.environ.get("EXTRA_HOOK_STAGES"), str):
    STAGES_WITH_HOOKS += os.environ.get("EXTRA_HOOK_STAGES").split(",")


@app.route("/")
def index():
    return {"stage": STAGE}


if STAGE in STAGES_WITH_HOOKS:
    @app.lambda_function(name="cognito-hook")
    def cognito_hook(event, context):
        sqs.send_message(QueueUrl=os.environ["HOOK_QUEUE_URL"], MessageBody="signup")
        return event
else:
    print("no hooks in this stage")
