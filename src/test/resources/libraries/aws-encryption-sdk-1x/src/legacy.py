import os

import aws_encryption_sdk

provider = aws_encryption_sdk.KMSMasterKeyProvider(key_ids=[os.environ["KEY_ARN"]])


def handler(event, context):
    sealed, _ = aws_encryption_sdk.encrypt(source=event["body"], key_provider=provider)
    opened, _ = aws_encryption_sdk.decrypt(source=sealed, key_provider=provider)
    return opened
