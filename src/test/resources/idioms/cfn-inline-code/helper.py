import boto3

# Beside the template but not part of either function: inline code is the function's only code.
boto3.client("dynamodb").delete_table(TableName="acme-counters")
