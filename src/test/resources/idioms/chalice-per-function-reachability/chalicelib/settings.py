import boto3

# Runs when any function's code imports this module: every function is charged it.
ssm = boto3.client("ssm")
STAGE = ssm.get_parameter(Name="/shop/stage")["Parameter"]["Value"]
