import boto3

# Run by hand from a laptop: never deployed.
boto3.resource("dynamodb").Table("orders").delete_item(Key={"id": "x"})
