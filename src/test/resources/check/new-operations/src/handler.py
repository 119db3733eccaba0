"""Operations the frozen aws-sdk v2 models lacked, and operations IAM does not authorize."""
import boto3

sts = boto3.client("sts")
s3 = boto3.client("s3")
ddb = boto3.client("dynamodb")
kinesis = boto3.client("kinesis")
idp = boto3.client("cognito-idp")
logs = boto3.client("logs")


def main(event, context):
    # No permission is needed, and IAM does not authorize calls made with a user's access token.
    sts.get_caller_identity()
    idp.list_user_sessions(AccessToken=event["token"])
    idp.get_user(AccessToken=event["token"])
    # Allowed: a directory bucket's operations are authorized by s3express:CreateSession.
    s3.rename_object(Bucket="media--euw1-az1--x-s3", Key="reports/new.csv", RenameSource="reports/old.csv")
    # Denied: the policy has no statement for these.
    sts.assume_root(TargetPrincipal="444455556666",
                    TaskPolicyArn={"arn": "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"})
    kinesis.tag_resource(ResourceARN="arn:aws:kinesis:eu-west-1:111122223333:stream/events", Tags={"team": "a"})
    # No action of the Service Authorization Reference is known to authorize it: a warning, not a silent pass.
    logs.get_log_object(logObjectPointer="p")
    return ddb.get_item(TableName="orders", Key={"id": {"S": event["id"]}})
