import os

import boto3

sts = boto3.client("sts")


def handler(event, context):
    # Session tags need sts:TagSession as well, which the policy does not grant.
    resp = sts.assume_role(RoleArn="arn:aws:iam::111122223333:role/publisher", RoleSessionName="release",
                           Tags=[{"Key": "team", "Value": "release"}])
    creds = resp["Credentials"]
    s3 = boto3.client("s3", aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                      aws_session_token=creds["SessionToken"])
    # Runs as the publisher role, which the project declares: allowed there.
    s3.put_object(Bucket="releases", Key="v1.zip", Body=b"")
    # Also runs as publisher, whose policy does not allow it.
    s3.delete_object(Bucket="releases", Key="v0.zip")

    # Keys read from a variable the function does not set are None: boto3's default chain, this function's role.
    own = boto3.client("sqs", aws_access_key_id=os.environ.get("ACCESS_KEY"))
    own.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/111122223333/jobs", MessageBody="x")

    # A local emulator is not AWS IAM.
    local = boto3.resource("dynamodb", endpoint_url="http://localhost:8000")
    local.Table("orders").put_item(Item={"id": "1"})

    # A partner's access keys: whose they are is not known offline.
    partner = boto3.Session(aws_access_key_id=os.environ["PARTNER_KEY"], aws_secret_access_key="unused")
    partner.client("sns").publish(TopicArn="arn:aws:sns:us-east-1:444455556666:partner", Message="released")

    # Web identity federation is not signed with this role's credentials: no permission, and its calls run as web.
    web = sts.assume_role_with_web_identity(RoleArn=event["role"], RoleSessionName="w", WebIdentityToken="t")
    wc = web["Credentials"]
    boto3.client("s3", aws_access_key_id=wc["AccessKeyId"]).list_buckets()
