package dev.iampreflight.project;

import java.util.Locale;

/**
 * The kind of resource a resource policy is attached to. The engine needs it: a KMS key policy grants nothing to the
 * account implicitly (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html), unlike the
 * others.
 */
public enum ResourceKind {
    S3_BUCKET, KMS_KEY, SQS_QUEUE, SNS_TOPIC, LAMBDA_FUNCTION, SECRETS_MANAGER_SECRET, DYNAMODB_TABLE, KINESIS_STREAM,
    SSM_PARAMETER, IAM_ROLE, EVENT_SOURCE_MAPPING, OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
