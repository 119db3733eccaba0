import os

from aws_cdk import Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from chalice.cdk import Chalice

RUNTIME_SOURCE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), os.pardir, "runtime")


class ChaliceApp(Stack):
    def __init__(self, scope, id, **kwargs):
        super().__init__(scope, id, **kwargs)
        table = dynamodb.Table(self, "Orders", partition_key=dynamodb.Attribute(
            name="id", type=dynamodb.AttributeType.STRING))
        role = iam.Role(self, "ApiRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        table.grant_read_data(role)
        # stage_config outranks .chalice/config.json: the app runs under this CDK-built role, not an autogen one.
        self.chalice = Chalice(
            self,
            "ChaliceApp",
            source_dir=RUNTIME_SOURCE_DIR,
            stage_config={
                "manage_iam_role": False,
                "iam_role_arn": role.role_arn,
                "environment_variables": {"TABLE_NAME": table.table_name},
            },
        )
