import os

from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.data_masking import DataMasking
from aws_lambda_powertools.utilities.data_masking.provider.kms.aws_encryption_sdk import AWSEncryptionSDKProvider
from aws_lambda_powertools.utilities.feature_flags import AppConfigStore, FeatureFlags
from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, idempotent
from aws_lambda_powertools.utilities.parameters import DynamoDBProvider, SecretsProvider
from aws_lambda_powertools.utilities.streaming import S3Object

persistence = DynamoDBPersistenceLayer(table_name=os.environ["IDEMPOTENCY_TABLE"])
secrets = SecretsProvider()
settings = DynamoDBProvider(table_name="settings")
flags = FeatureFlags(store=AppConfigStore(environment="prod", application="orders", name="features"))
masking = DataMasking(provider=AWSEncryptionSDKProvider(keys=["alias/orders"]))


class PriceFeed:
    """Not a parameter store: its get() is never an AWS call."""

    def get(self, name):
        return name


@idempotent(persistence_store=persistence)
def handler(event, context):
    api_key = parameters.get_parameter("/orders/api-key", decrypt=True)
    plain = parameters.get_parameters("/orders/config")
    token = secrets.get("orders/token")
    limit = settings.get("limit")
    config = parameters.get_app_config(name="orders-config", environment="prod")
    beta = flags.evaluate(name="beta", default=False)
    body = S3Object(bucket="orders-in", key=event["key"]).read()
    masked = masking.encrypt(body)
    price = PriceFeed().get("AAPL")
    return api_key, plain, token, limit, config, beta, masked, price
