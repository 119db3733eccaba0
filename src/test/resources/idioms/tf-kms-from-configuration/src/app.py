import boto3

sqs = boto3.client("sqs")
sns = boto3.client("sns")
s3 = boto3.client("s3")
secrets = boto3.client("secretsmanager")
ssm = boto3.client("ssm")

JOBS = "https://sqs.us-east-1.amazonaws.com/111122223333/jobs"
PLAIN = "https://sqs.us-east-1.amazonaws.com/111122223333/plain"


def handler(event, context):
    # The queue's customer managed key: SendMessage needs kms:GenerateDataKey (not granted) and kms:Decrypt.
    sqs.send_message(QueueUrl=JOBS, MessageBody="job")
    # Receiving needs kms:Decrypt only (granted).
    sqs.receive_message(QueueUrl=JOBS)
    # The AWS managed key aws/sqs needs no statement.
    sqs.send_message(QueueUrl=PLAIN, MessageBody="x")
    # Publishing to the encrypted topic needs kms:GenerateDataKey (not granted).
    sns.publish(TopicArn="arn:aws:sns:us-east-1:111122223333:events", Message="done")
    # The bucket's default key is in another account whose key policy lacks kms:GenerateDataKey for this role.
    s3.put_object(Bucket="lake-bucket", Key="out/result.json", Body=b"{}")
    # Reading decrypts: both the role's policy and the key policy allow kms:Decrypt.
    s3.get_object(Bucket="lake-bucket", Key="in/data.json")
    # The secret and the parameter are decrypted with the app key: kms:Decrypt is granted.
    secrets.get_secret_value(SecretId="db")
    ssm.get_parameter(Name="/app/token", WithDecryption=True)
