import os

import boto3
from opensearchpy import AWSV4SignerAuth, OpenSearch, RequestsHttpConnection

credentials = boto3.Session().get_credentials()
auth = AWSV4SignerAuth(credentials, "us-west-2")
client = OpenSearch(hosts=[{"host": os.environ["DOMAIN_HOST"], "port": 443}], http_auth=auth, use_ssl=True,
                    connection_class=RequestsHttpConnection)

serverless = OpenSearch(hosts=["https://1a2b3c4d5e6f.us-west-2.aoss.amazonaws.com:443"],
                        http_auth=AWSV4SignerAuth(credentials, "us-west-2", "aoss"))

# Basic auth (a self-managed cluster or fine-grained access control's internal users): not IAM.
local = OpenSearch(hosts=[{"host": "localhost", "port": 9200}], http_auth=("admin", "admin"))


def handler(event, context):
    client.search(index="products", body={"query": {"match_all": {}}})
    client.search(body={"query": {"match_all": {}}})
    client.index(index="products", body={"name": "x"})
    client.index(index="products", id=event["id"], body={"name": "x"})
    client.get(index="products", id="42")
    client.delete(index="products", id="42")
    client.bulk(body="...")
    client.exists("products", "42")
    client.info()
    serverless.search(index="vectors", body={})
    local.search(index="products", body={})
    local.delete(index="products", id="1")
