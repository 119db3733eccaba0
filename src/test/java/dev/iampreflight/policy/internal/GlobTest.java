package dev.iampreflight.policy.internal;

import dev.iampreflight.policy.Wildcards;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tables for concrete matching, inclusion and intersection of wildcard patterns. */
class GlobTest {

    private static Glob policy(String s) {
        return Glob.parse(s, Wildcards.Mode.RESOURCE);
    }

    private static Glob request(String s) {
        return Glob.request(Glob.normalizeResource(s), Wildcards.Mode.RESOURCE);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*                                   | anything                                    | true",
            "arn:aws:s3:::bucket/*               | arn:aws:s3:::bucket/a/b                     | true",
            "arn:aws:s3:::bucket/*               | arn:aws:s3:::bucket                         | false",
            "arn:aws:s3:::b?cket                 | arn:aws:s3:::bucket                         | true",
            "arn:aws:s3:::b?cket                 | arn:aws:s3:::bcket                          | false",
            "ARN:AWS:S3:::bucket                 | arn:aws:s3:::bucket                         | true",
            "arn:aws:s3:::Bucket                 | arn:aws:s3:::bucket                         | false",
            "arn:aws:logs:*:*:log-group:x:*      | arn:aws:logs:us-east-1:1:log-group:x:s:t    | true",
            "arn:aws:logs:*:log-group:x          | arn:aws:logs:us-east-1:1:log-group:x        | false",
            "arn:aws:sqs:*                       | arn:aws:sqs:us-east-1:1:q                   | true",
            "arn:aws:*:us-east-1:1:q             | arn:aws:sqs:us-east-1:1:q                   | true",
            "arn:aws:dynamodb:*:*:table/t*x      | arn:aws:dynamodb:r:1:table/tabx             | true",
            "arn:aws:dynamodb:*:*:table/t*x      | arn:aws:dynamodb:r:1:table/taby             | false",
            "a*b*c                               | aXbYbZc                                     | true",
            "a*b*c                               | aXbYbZ                                      | false",
            "arn:aws:s3:::x/{?}                  | arn:aws:s3:::x/anything                     | true",
    })
    void concreteMatching(String pattern, String value, boolean expected) {
        assertEquals(expected, policy(pattern).matches(Glob.normalizeResource(value)));
    }

    @ParameterizedTest(name = "{0} includes {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*                                   | arn:aws:s3:::b/{?}          | true",
            "arn:aws:s3:::b/*                    | arn:aws:s3:::b/{?}          | true",
            "arn:aws:s3:::b/?*                   | arn:aws:s3:::b/{?}          | true",
            "arn:aws:s3:::b/??*                  | arn:aws:s3:::b/{?}          | false",
            "arn:aws:s3:::b/a*                   | arn:aws:s3:::b/{?}          | false",
            "arn:aws:s3:::b/*/x                  | arn:aws:s3:::b/{?}/x        | true",
            "arn:aws:s3:::b/?/x                  | arn:aws:s3:::b/{?}/x        | false",
            "arn:aws:s3:::b/*x                   | arn:aws:s3:::b/{?}/x        | true",
            "arn:aws:sqs:*:*:q                   | arn:aws:sqs:us-east-1:{?}:q | true",
            "arn:aws:sqs:*:1:q                   | arn:aws:sqs:us-east-1:{?}:q | false",
    })
    void inclusion(String outer, String inner, boolean expected) {
        assertEquals(expected, GlobAutomaton.includes(policy(outer), request(inner)));
    }

    @ParameterizedTest(name = "{0} intersects {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "arn:aws:s3:::b/a*          | arn:aws:s3:::b/{?}          | true",
            "arn:aws:s3:::b/            | arn:aws:s3:::b/{?}          | false",
            "arn:aws:s3:::c/*           | arn:aws:s3:::b/{?}          | false",
            "arn:aws:sqs:*:1:*          | arn:aws:sqs:us-east-1:{?}:q | true",
            "arn:aws:sqs:*:1:x:*        | arn:aws:sqs:us-east-1:{?}:q | false",
    })
    void intersects(String a, String b, boolean expected) {
        assertEquals(expected, GlobAutomaton.intersects(policy(a), request(b)));
    }

    @ParameterizedTest(name = "{0} ∩ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "arn:aws:s3:::b/*               | arn:aws:s3:::b/{?}          | arn:aws:s3:::b/{?}",
            "arn:aws:s3:::b/orders*         | arn:aws:s3:::b/{?}          | arn:aws:s3:::b/orders*",
            "arn:aws:s3:::b/x               | arn:aws:s3:::b/{?}          | arn:aws:s3:::b/x",
            "arn:aws:s3:::b/x/*             | arn:aws:s3:::{?}/r          | arn:aws:s3:::b/x/*/r;arn:aws:s3:::b/x/r",
            "arn:aws:s3:::u/*               | arn:aws:s3:::{?}/r          | arn:aws:s3:::u/r;arn:aws:s3:::u/*/r",
            "*a                             | b{?}                        | b*a",
            "arn:aws:sqs:*:1:*              | arn:aws:sqs:us-east-1:{?}:q | arn:aws:sqs:us-east-1:1:q",
    })
    void intersection(String a, String b, String expected) {
        Set<String> got = new HashSet<>();
        for (Glob g : GlobAutomaton.intersection(policy(a), request(b), 64)) {
            got.add(g.render());
        }
        assertEquals(Set.of(expected.split(";")), got);
    }

    @ParameterizedTest(name = "{0} renders as {1}")
    @CsvSource(delimiter = '|', value = {
            "arn:aws:s3:::b/{?}   | arn:aws:s3:::b/{?}",
            "a*b?c                | a${*}b${?}c",
    })
    void requestRendering(String text, String rendered) {
        assertEquals(rendered, Glob.request(text, Wildcards.Mode.PLAIN).render());
    }

    @ParameterizedTest(name = "equivalent {0} / {1}")
    @CsvSource(delimiter = '|', value = {"a**b | a*b", "?* | *?"})
    void equivalence(String a, String b) {
        assertEquals(true, GlobAutomaton.equivalent(Glob.parse(a, Wildcards.Mode.PLAIN), Glob.parse(b, Wildcards.Mode.PLAIN)));
    }

    @SuppressWarnings("unused")
    private static List<String> unused() {
        return List.of();
    }
}
