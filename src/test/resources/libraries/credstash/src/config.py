import os

import credstash
from credstash import putSecret

TABLE = os.environ["SECRETS_TABLE"]


class Vault:
    """Not credstash: a same-named method must not match."""

    def getSecret(self, name):
        return name


def handler(event, context):
    latest = credstash.getSecret("db-password", table=TABLE, context={"app": "orders"})
    pinned = credstash.getSecret("api-key", version="3")
    everything = credstash.getAllSecrets(region="eu-west-1", table=TABLE)
    putSecret("token", event["token"], kms_key="alias/orders", table=TABLE)
    credstash.deleteSecrets("old-token", table=TABLE)
    Vault().getSecret("x")
    return latest, pinned, everything
