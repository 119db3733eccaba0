import boto3

sts = boto3.client("sts")
dynamodb = boto3.client("dynamodb")

# A session policy: the assumed session may only read items.
READ_ONLY_TEXT = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}'


def handler(event, context):
    # The orders table is tagged team=payments: allowed. The audit table is tagged team=security: denied.
    dynamodb.query(TableName="orders", KeyConditionExpression="tenant = :t")
    dynamodb.query(TableName="audit", KeyConditionExpression="id = :i")

    # The auditor role trusts the app's role by its ARN: no sts:AssumeRole statement is needed in the same account.
    creds = sts.assume_role(RoleArn="arn:aws:iam::111122223333:role/auditor", RoleSessionName="audit",
                            Policy=READ_ONLY_TEXT)["Credentials"]
    auditor = boto3.client("dynamodb", aws_access_key_id=creds["AccessKeyId"],
                           aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
    # Its own tenant: allowed by the auditor's policy and the session policy.
    auditor.get_item(TableName="orders", Key={"tenant": {"S": "tenant-1"}, "id": {"S": "1"}})
    # Another tenant: dynamodb:LeadingKeys is tenant-2, which the auditor's policy does not allow.
    auditor.get_item(TableName="orders", Key={"tenant": {"S": "tenant-2"}, "id": {"S": "1"}})
    # The auditor's policy allows PutItem, the session policy does not.
    auditor.put_item(TableName="orders", Item={"tenant": {"S": "tenant-1"}, "id": {"S": "2"}})

    # A partner account's role: the app's policy has no sts:AssumeRole, which a role in another account needs.
    partner = sts.assume_role(RoleArn="arn:aws:iam::444455556666:role/partner", RoleSessionName="p")["Credentials"]
    boto3.client("s3", aws_access_key_id=partner["AccessKeyId"]).list_buckets()

    # A role of this account the project does not declare: its trust policy may name the app's role, so the missing
    # identity statement is a warning.
    ops = sts.assume_role(RoleArn="arn:aws:iam::111122223333:role/ops", RoleSessionName="o")["Credentials"]
    boto3.client("sqs", aws_access_key_id=ops["AccessKeyId"]).list_queues()

    # Managed session policies: with the inline one, together they allow what either allows (PutItem: allowed).
    both = sts.assume_role(RoleArn="arn:aws:iam::111122223333:role/auditor", RoleSessionName="b", Policy=READ_ONLY_TEXT,
                           PolicyArns=[{"arn": "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"}])["Credentials"]
    boto3.client("dynamodb", aws_access_key_id=both["AccessKeyId"]).put_item(
        TableName="orders", Item={"tenant": {"S": "tenant-1"}, "id": {"S": "3"}})
    # A read-only managed session policy alone: PutItem is denied.
    ro = sts.assume_role(RoleArn="arn:aws:iam::111122223333:role/auditor", RoleSessionName="r",
                         PolicyArns=[{"arn": "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"}])["Credentials"]
    boto3.client("dynamodb", aws_access_key_id=ro["AccessKeyId"]).put_item(
        TableName="orders", Item={"tenant": {"S": "tenant-1"}, "id": {"S": "4"}})
    # A customer managed session policy the project cannot read: the inline one alone does not decide (no finding).
    other = sts.assume_role(RoleArn="arn:aws:iam::111122223333:role/auditor", RoleSessionName="o", Policy=READ_ONLY_TEXT,
                            PolicyArns=[{"arn": "arn:aws:iam::111122223333:policy/writers"}])["Credentials"]
    boto3.client("dynamodb", aws_access_key_id=other["AccessKeyId"]).put_item(
        TableName="orders", Item={"tenant": {"S": "tenant-1"}, "id": {"S": "5"}})
