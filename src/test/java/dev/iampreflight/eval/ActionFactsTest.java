package dev.iampreflight.eval;

import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.policy.PolicyParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The knowledge-base backed facts, and what the engine makes of them. */
class ActionFactsTest {

    @ParameterizedTest(name = "{0} wildcard-only: {1}")
    @CsvSource({
            "s3:ListAllMyBuckets, true",
            "S3:LISTALLMYBUCKETS, true",
            "sts:GetCallerIdentity, true",
            "s3:GetObject, false",
            "dynamodb:GetItem, false",
            "nosuch:Action, false",
    })
    void bundledKnowledge(String action, boolean wildcardOnly) {
        assertEquals(wildcardOnly, ActionFacts.bundled().isWildcardOnly(action));
    }

    @ParameterizedTest(name = "{0} with Resource {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "s3:ListAllMyBuckets | *                  | allowed",
            "s3:ListAllMyBuckets | arn:aws:s3:::*     | allowed_for_some",
            "s3:ListAllMyBuckets | arn:aws:sqs:*      | implicit_deny",
            "s3:GetObject        | arn:aws:s3:::b/*   | allowed",
    })
    void wildcardOnlyActionsNeedAStarResource(String action, String resource, String decision) {
        var doc = PolicyParser.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}}", "p.json").document().orElseThrow();
        Decision d = LocalEngine.withBundledKnowledge().evaluate(PolicySet.identity(doc),
                Request.of(action, "arn:aws:s3:::b/k", "arn:aws:iam::111122223333:user/u"));
        assertEquals(decision, d.kind().json());
    }
}
