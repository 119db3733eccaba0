import boto3

boto3.client("iam").update_access_key(UserName="deploy", AccessKeyId="AKIA", Status="Inactive")
