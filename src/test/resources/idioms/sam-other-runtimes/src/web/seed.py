import boto3

# A developer's seeding script kept beside the Node.js code.
boto3.client("dynamodb").delete_table(TableName="acme-web")
