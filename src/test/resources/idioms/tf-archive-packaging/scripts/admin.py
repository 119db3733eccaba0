import boto3

boto3.client("iam").delete_role(RoleName="app")
