import boto3


def handler(event, context):
    creds = boto3.client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{event['account']}:role/auditor", RoleSessionName="audit")["Credentials"]
    member = boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                           aws_session_token=creds["SessionToken"])
    # Runs as the member account's auditor role, not as this function's role.
    return member.client("iam").list_users()
