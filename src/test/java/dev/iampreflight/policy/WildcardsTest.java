package dev.iampreflight.policy;

import dev.iampreflight.policy.Wildcards.Mode;
import dev.iampreflight.policy.Wildcards.Syntax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one wildcard matcher, as each of its former copies used it: the engine's policy and request texts, the fixer's
 * "already granted" (actions without regard to case, ARNs component by component), target-name patterns, the
 * resource policy a request's ARN is on, and the declared resource an ARN with unknown parts may be.
 */
class WildcardsTest {

    @ParameterizedTest(name = "{0} {1} ''{2}'' vs ''{3}'': {4}")
    @CsvSource(delimiter = '|', value = {
            // Policy text (engine Resource, fixer Resource): * and ? wildcards, ARN prefix without regard to case.
            "POLICY                | RESOURCE | arn:aws:s3:::bucket/*            | arn:aws:s3:::bucket/a/b           | true",
            "POLICY                | RESOURCE | arn:aws:s3:::b?cket              | arn:aws:s3:::bucket               | true",
            "POLICY                | RESOURCE | ARN:AWS:S3:::bucket              | arn:aws:s3:::bucket               | true",
            "POLICY                | RESOURCE | arn:aws:s3:::Bucket              | arn:aws:s3:::bucket               | false",
            // The fixer used to let * cross an ARN's colons; AWS matches each component alone.
            "POLICY                | RESOURCE | arn:aws:logs:*:log-group:x       | arn:aws:logs:r:1:log-group:x      | false",
            "POLICY                | RESOURCE | arn:aws:logs:*:*:log-group:x     | arn:aws:logs:r:1:log-group:x      | true",
            // {?} in policy text: any value, the empty one included (the fixer read it as '{', one char, '}').
            "POLICY                | RESOURCE | arn:aws:sqs:{?}:{?}:orders       | arn:aws:sqs:eu-west-1:1:orders    | true",
            "POLICY                | RESOURCE | arn:aws:s3:::x/{?}               | arn:aws:s3:::x/                   | true",
            "POLICY                | RESOURCE | arn:aws:sqs:{?}:{?}:orders       | arn:aws:sqs:eu-west-1:1:other     | false",
            // A value with unknown parts is compared as text (the resource policy of a request with {?} segments).
            "POLICY                | RESOURCE | arn:aws:sqs:{?}:{?}:orders       | arn:aws:sqs:{?}:{?}:orders        | true",
            // Actions (engine Action, fixer Action): without regard to case.
            "POLICY                | ACTION   | S3:Get*                          | s3:GetObject                      | true",
            "POLICY                | ACTION   | s3:get?bject                     | S3:GETOBJECT                      | true",
            "POLICY                | ACTION   | s3:Put*                          | s3:GetObject                      | false",
            // Target names (check --target, configured targets): plain, case-sensitive.
            "POLICY                | PLAIN    | sam:*                            | sam:OrdersFunction                | true",
            "POLICY                | PLAIN    | sam:?rders                       | sam:Orders                        | true",
            "POLICY                | PLAIN    | Sam:*                            | sam:Orders                        | false",
            // Declared resources (ResourceKeys): literal but {?}, which is any value; * is the character.
            "LITERAL_WITH_UNKNOWNS | PLAIN    | arn:aws:dynamodb:{?}:{?}:table/t | arn:aws:dynamodb:r:1:table/t      | true",
            "LITERAL_WITH_UNKNOWNS | PLAIN    | table/{?}                        | table/                            | true",
            "LITERAL_WITH_UNKNOWNS | PLAIN    | table/*                          | table/x                           | false",
            "LITERAL_WITH_UNKNOWNS | PLAIN    | table/*                          | table/*                           | true",
            // Request values: literal, {?} an unknown non-empty string.
            "REQUEST               | PLAIN    | a{?}                             | ab/c                              | true",
            "REQUEST               | PLAIN    | a{?}                             | a                                 | false",
            "REQUEST               | PLAIN    | a*                               | ab                                | false",
            // Literal: {?} is three characters.
            "LITERAL               | PLAIN    | {?}                              | {?}                               | true",
            "LITERAL               | PLAIN    | {?}                              | x                                 | false",
    })
    void matchesAsEachUseReadsIt(Syntax syntax, Mode mode, String pattern, String value, boolean expected) {
        assertEquals(expected, Wildcards.matches(pattern, syntax, mode, value));
    }
}
