import os

import aws_encryption_sdk
from aws_encryption_sdk import CommitmentPolicy, StrictAwsKmsMasterKeyProvider

client = aws_encryption_sdk.EncryptionSDKClient(
    commitment_policy=CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
provider = StrictAwsKmsMasterKeyProvider(key_ids=[os.environ["KEY_ARN"]])
discovery = aws_encryption_sdk.DiscoveryAwsKmsMasterKeyProvider()


class Envelope:
    """Not the Encryption SDK: same-named methods must not match."""

    def encrypt(self, source, key_provider=None):
        return source


def handler(event, context):
    sealed, _ = client.encrypt(source=event["body"], key_provider=provider)
    opened, _ = client.decrypt(source=sealed, key_provider=discovery)
    with client.stream(mode="e", source=event["body"], key_provider=provider) as s:
        s.read()
    Envelope().encrypt("x", key_provider=provider)
    return opened
