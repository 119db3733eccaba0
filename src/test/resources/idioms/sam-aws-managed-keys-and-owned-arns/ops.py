import boto3

ssm = boto3.client("ssm")
s3 = boto3.client("s3")


def handler(event, context):
    # Whether kms:Decrypt is needed depends on the parameter's key: none for the AWS managed aws/ssm key.
    secret = ssm.get_parameter(Name="/app/db-password", WithDecryption=True)
    # A public parameter AWS owns: its ARN has no account.
    ami = ssm.get_parameter(Name="/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")
    # A document AWS publishes: its ARN has no account either.
    ssm.send_command(DocumentName="AWS-RunShellScript", InstanceIds=[event["instance"]],
                     Parameters={"commands": ["uptime"]})
    # The AWS managed key aws/s3 needs no statement in the caller's policy.
    s3.put_object(Bucket="ops-reports", Key="r.txt", Body=b"", ServerSideEncryption="aws:kms",
                  SSEKMSKeyId="alias/aws/s3")
    return secret, ami
