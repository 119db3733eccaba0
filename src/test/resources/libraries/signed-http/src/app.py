import os

import boto3
import requests
from aws_requests_auth.aws_auth import AWSRequestsAuth
from aws_requests_auth.boto_utils import BotoAWSRequestsAuth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from requests_aws4auth import AWS4Auth

API = os.environ["API_URL"]
session = boto3.Session()
credentials = session.get_credentials()

# requests-aws4auth with the session's own credentials: the target's role signs.
own = AWS4Auth(credentials.access_key, credentials.secret_key, "eu-west-1", "execute-api",
               session_token=credentials.token)
# aws-requests-auth with botocore's default chain.
boto_auth = BotoAWSRequestsAuth(aws_host="search-orders-abc123xyz.eu-west-1.es.amazonaws.com",
                                aws_region="eu-west-1", aws_service="es")
# Explicit keys from configuration: another principal's request, not the role's.
partner = AWSRequestsAuth(aws_access_key=os.environ["PARTNER_KEY"], aws_secret_access_key="secret",
                          aws_host="x1y2z3.execute-api.us-east-1.amazonaws.com", aws_region="us-east-1",
                          aws_service="execute-api")
# The refreshable form of AWS4Auth, for a function URL.
url_auth = AWS4Auth(region="eu-west-1", service="lambda", refreshable_credentials=credentials)


class Market:
    def get(self, url, auth=None):
        return url


def handler(event, context):
    requests.get(API + "/orders/42", auth=own)
    requests.post(f"{API}/orders", json={"id": 1}, auth=own)
    requests.request("DELETE", "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders/42", auth=own)
    requests.get("https://search-orders-abc123xyz.eu-west-1.es.amazonaws.com/orders/_doc/1", auth=boto_auth)
    requests.put("https://search-orders-abc123xyz.eu-west-1.es.amazonaws.com/orders", auth=boto_auth)
    requests.post("https://x1y2z3.execute-api.us-east-1.amazonaws.com/v1/hooks", auth=partner)
    requests.post("https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/", json={}, auth=url_auth)
    # Not signed: plain HTTP, basic auth, and a same-named method of another class.
    requests.get("https://example.com/status")
    requests.get("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/x", auth=("user", "pw"))
    Market().get(API + "/orders", auth=own)
    # botocore's SigV4Auth signs an AWSRequest for an unknown URL: still execute-api:Invoke.
    request = AWSRequest(method="POST", url=event["callback"], data="{}")
    SigV4Auth(credentials, "execute-api", "eu-west-1").add_auth(request)
    requests.post(event["callback"], data="{}", headers=dict(request.headers))
    with requests.Session() as http:
        http.get("https://q9w8e7r6t5.execute-api.eu-west-1.amazonaws.com/dev/", auth=own)
