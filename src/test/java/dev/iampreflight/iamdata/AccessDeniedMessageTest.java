package dev.iampreflight.iamdata;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessDeniedMessageTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "An error occurred (AccessDeniedException) when calling the PutItem operation: User: arn:aws:sts::123456789012:assumed-role/r/fn is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders because no identity-based policy allows the dynamodb:PutItem action"
                    + " | dynamodb:PutItem | arn:aws:dynamodb:us-east-1:123456789012:table/Orders | arn:aws:sts::123456789012:assumed-role/r/fn | because no identity-based policy allows the dynamodb:PutItem action",
            "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListRoles"
                    + " | iam:ListRoles | - | arn:aws:iam::123456789012:user/bob | -",
            "User: arn:aws:sts::1:assumed-role/r/f is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::b\" with an explicit deny in a service control policy."
                    + " | s3:ListBucket | arn:aws:s3:::b | arn:aws:sts::1:assumed-role/r/f | with an explicit deny in a service control policy",
            "is not authorized to perform: sqs:sendmessage on resource: arn:aws:sqs:us-east-1:1:q"
                    + " | sqs:sendmessage | arn:aws:sqs:us-east-1:1:q | - | -",
    })
    void parsesAuthorizationErrors(String text, String action, String resource, String principal, String reason) {
        AccessDeniedMessage m = AccessDeniedMessage.parse(text).orElseThrow();
        assertEquals(action, m.action());
        assertEquals(Optional.ofNullable(resource), m.resource());
        assertEquals(Optional.ofNullable(principal), m.principal());
        assertEquals(Optional.ofNullable(reason), m.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Access Denied", "dynamodb:PutItem", "hello world"})
    void otherTextIsNoMessage(String text) {
        assertTrue(AccessDeniedMessage.parse(text).isEmpty());
    }
}
