import boto3

s3 = boto3.client("s3")
kms = boto3.client("kms", region_name="us-east-1")
ses = boto3.client("ses")
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
iam = boto3.client("iam")
cognito = boto3.client("cognito-identity")
KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def handler(event, context):
    # A bucket the code does not show: only payroll is denied, so a warning.
    s3.get_object(Bucket=event["bucket"], Key="report.csv")
    # The named bucket the Deny covers: an error.
    s3.get_object(Bucket="payroll", Key="march.csv")
    # The encryption context the condition requires: allowed; another one: an error.
    kms.decrypt(CiphertextBlob=b"x", KeyId=KEY, EncryptionContext={"tenant": "acme"})
    kms.decrypt(CiphertextBlob=b"x", KeyId=KEY, EncryptionContext={"tenant": "other"})
    # The sender the condition requires: allowed; another one: an error.
    ses.send_email(Source="noreply@example.com", Destination={"ToAddresses": ["a@example.com"]},
                   Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}})
    ses.send_email(Source="billing@example.com", Destination={"ToAddresses": ["a@example.com"]},
                   Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}})
    # AWS-owned resources: a foundation model and an AWS managed policy (empty account / the account 'aws').
    bedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=b"{}")
    iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    # Cognito identity pool credentials: calls made with them are not this role's.
    ident = cognito.get_credentials_for_identity(IdentityId=event["identity"])
    c = ident["Credentials"]
    guest = boto3.client("s3", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretKey"],
                         aws_session_token=c["SessionToken"])
    guest.put_object(Bucket="uploads", Key="a.txt", Body=b"")
