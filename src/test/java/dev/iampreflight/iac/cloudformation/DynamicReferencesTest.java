package dev.iampreflight.iac.cloudformation;

import dev.iampreflight.iac.cloudformation.internal.Intrinsics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * CloudFormation replaces {@code {{resolve:...}}} at deploy time with a value stored in SSM or Secrets Manager: the
 * text of the reference is never the value, so it reads as unknown (a bucket named after it was an invented value).
 */
class DynamicReferencesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{{resolve:ssm:/melon/dev/S3_BUCKET}}                  | {?}",
            "{{resolve:ssm:/app/table:3}}-archive                   | {?}-archive",
            "arn:aws:s3:::{{resolve:secretsmanager:b:SecretString:name}}/* | arn:aws:s3:::{?}/*",
            "{{resolve:ssm-secure:/db/pw}}{{resolve:ssm:/db/user}}   | {?}{?}",
            "orders-{{not-a-reference}}                             | orders-{{not-a-reference}}",
    })
    void aDynamicReferenceIsAnUnknownPart(String text, String expected) {
        assertEquals(expected, Intrinsics.withoutDynamicReferences(text));
    }
}
