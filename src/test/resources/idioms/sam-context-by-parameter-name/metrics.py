import boto3

cloudwatch = boto3.client("cloudwatch")
s3 = boto3.client("s3")


class Reporter:
    def __init__(self, namespace):
        self.namespace = namespace

    def put(self, name):
        # The namespace comes from whoever builds the reporter: the condition decides, so a warning.
        cloudwatch.put_metric_data(Namespace=self.namespace, MetricData=[{"MetricName": name, "Value": 1}])


def handler(event, context):
    # cloudwatch:namespace is the Namespace parameter: one the condition lists is allowed.
    cloudwatch.put_metric_data(Namespace="catalogue_adapters", MetricData=[{"MetricName": "n", "Value": 1}])
    # One it does not list is certainly denied.
    cloudwatch.put_metric_data(Namespace="scratch", MetricData=[{"MetricName": "n", "Value": 1}])
    Reporter(event["namespace"]).put("runs")
    # s3:prefix is ListObjectsV2's Prefix.
    s3.list_objects_v2(Bucket="reports", Prefix="public/2026/")
    s3.list_objects_v2(Bucket="reports", Prefix="private/")
