import boto3

events = boto3.client("events")
s3 = boto3.client("s3")
sqs = boto3.client("sqs")


def handler(event, context):
    # The source the policy's condition allows.
    events.put_events(Entries=[{"Source": "com.example.users", "DetailType": "created", "Detail": "{}"}])
    # A source the code does not show: the condition decides, so a warning.
    events.put_events(Entries=[{"Source": event["source"], "DetailType": "created", "Detail": "{}"}])
    # The encryption header the Deny requires.
    s3.put_object(Bucket="user-exports", Key="u.json", Body=b"{}", ServerSideEncryption="AES256")
    # Without it the Deny matches: certainly denied.
    s3.put_object(Bucket="user-exports", Key="v.json", Body=b"{}")
    # The tag the condition asks for, passed on create.
    sqs.create_queue(QueueName="users-jobs", tags={"team": "users"})
