package dev.iampreflight.eval.local;

import dev.iampreflight.eval.Request;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LocalEngine#crossAccount}, the engine's own reading that {@code check} also uses (a bucket ACL cannot lift a
 * cross-account denial): the resource's account is the request's, else the ARN's field, and an account that is not
 * twelve known digits proves nothing.
 */
class CrossAccountTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/app";

    private static boolean cross(String principal, String resource, String resourceAccount) {
        return LocalEngine.crossAccount(new Request("s3:ListBucket", resource, Optional.ofNullable(principal),
                Optional.ofNullable(resourceAccount), Map.of()));
    }

    @Test
    void accountsAreReadFromTheRequestElseTheArn() {
        assertFalse(cross(ROLE, "arn:aws:sqs:us-east-1:111122223333:q", null));
        assertTrue(cross(ROLE, "arn:aws:sqs:us-east-1:444455556666:q", null));
        // S3 bucket ARNs have no account: only the request's resource account can make them cross-account.
        assertFalse(cross(ROLE, "arn:aws:s3:::site", null));
        assertTrue(cross(ROLE, "arn:aws:s3:::site", "444455556666"));
        assertFalse(cross(ROLE, "arn:aws:s3:::site", "111122223333"));
        // The request's resource account wins over the ARN's field.
        assertFalse(cross(ROLE, "arn:aws:sqs:us-east-1:444455556666:q", "111122223333"));
    }

    @Test
    void anUnknownAccountProvesNothing() {
        assertFalse(cross(ROLE, "arn:aws:sqs:us-east-1:{?}:q", null));
        assertFalse(cross(ROLE, "arn:aws:s3:::site", "{?}"));
        assertFalse(cross(null, "arn:aws:sqs:us-east-1:444455556666:q", null));
        assertFalse(cross("arn:aws:iam::{?}:role/app", "arn:aws:sqs:us-east-1:444455556666:q", null));
    }
}
