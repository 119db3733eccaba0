package dev.iampreflight.policy;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyParserTest {

    private static PolicyParser.Result parse(String json) {
        return PolicyParser.parseJson(json, "p.json");
    }

    @Test
    void statementAsSingleObjectAndStringValues() {
        PolicyParser.Result r = parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}");
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        PolicyDocument d = r.document().orElseThrow();
        assertTrue(d.substitutesVariables());
        Statement s = d.statements().get(0);
        assertEquals(Effect.ALLOW, s.effect());
        assertEquals(List.of("s3:GetObject"), s.actions().strings());
        assertFalse(s.actions().negated());
        assertEquals(List.of("arn:aws:s3:::b/*"), s.resources().orElseThrow().strings());
    }

    @Test
    void arraysNotElementsPrincipalsAndConditions() {
        String json = """
                {"Statement": [{
                  "Sid": "S1", "Effect": "Deny",
                  "NotAction": ["iam:*", "sts:*"],
                  "NotResource": "arn:aws:iam::*:role/admin",
                  "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root"], "Service": "lambda.amazonaws.com"},
                  "Condition": {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]},
                                "Bool": {"aws:SecureTransport": false},
                                "NumericLessThan": {"s3:max-keys": 10}}
                }]}""";
        PolicyParser.Result r = parse(json);
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        PolicyDocument d = r.document().orElseThrow();
        assertFalse(d.substitutesVariables(), "no Version means 2008-10-17 semantics");
        Statement s = d.statements().get(0);
        assertEquals("statement 'S1'", s.label());
        assertTrue(s.actions().negated());
        assertTrue(s.resources().orElseThrow().negated());
        Principal p = s.principal().orElseThrow();
        assertTrue(p.negated());
        assertEquals("lambda.amazonaws.com", p.values(Principal.SERVICE).get(0).value());
        assertEquals(3, s.condition().conditions().size());
        Condition bool = s.condition().conditions().get(1);
        assertEquals("Bool", bool.operator().value());
        assertEquals(List.of("false"), bool.valueStrings());
        assertEquals(List.of("10"), s.condition().conditions().get(2).valueStrings());
        assertEquals(7, bool.location().line());
    }

    @Test
    void principalStarAndLegacyVersion() {
        PolicyParser.Result r = parse("{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}");
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        assertTrue(r.document().orElseThrow().statements().get(0).principal().orElseThrow().anyone());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not an object        | []                                                                    | must be a JSON object",
            "no Statement         | {\"Version\":\"2012-10-17\"}                                          | no Statement",
            "bad version          | {\"Version\":\"2012-10-18\",\"Statement\":[]}                         | Version '2012-10-18'",
            "statement is number  | {\"Statement\":[1]}                                                   | must be an object",
            "effect list          | {\"Statement\":[{\"Effect\":[\"Allow\"],\"Action\":\"*\"}]}          | Effect must be a string",
            "effect wrong case    | {\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"*\"}]}            | Effect 'allow'",
            "no action            | {\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}          | neither Action nor NotAction",
            "both action forms    | {\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"s3:*\"}]} | both Action and NotAction",
            "action number        | {\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",5]}]}     | values must be strings",
            "typo element         | {\"Statement\":[{\"Effect\":\"Allow\",\"Actions\":\"*\"}]}           | did you mean 'Action'",
            "bad principal string | {\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Principal\":\"me\"}]} | must be \"*\" or an object",
            "bad principal type   | {\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Principal\":{\"Aws\":\"*\"}}]} | did you mean 'AWS'",
            "condition not object | {\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Condition\":\"x\"}]} | Condition must be an object",
            "empty action array   | {\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[]}]}               | empty array",
            "no resource          | {\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}  | neither Resource nor NotResource",
    })
    void badShapesAreLocatedFindings(String name, String json, String expected) {
        PolicyParser.Result r = parse(json);
        assertTrue(r.hasErrors(), name);
        Finding f = r.findings().stream().filter(x -> x.ruleId().equals(ReservedRules.BAD_SHAPE)).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": " + r.findings()));
        assertTrue(f.message().contains(expected), name + ": " + f.message());
        assertEquals("p.json", f.location().file());
        assertTrue(f.location().line() >= 1 && f.location().column() >= 1, f.toString());
    }

    @Test
    void oneBadStatementDoesNotLoseTheOthers() {
        PolicyParser.Result r = parse("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        assertEquals(1, r.findings().size());
        PolicyDocument d = r.document().orElseThrow();
        assertEquals(1, d.statements().size());
        assertEquals(1, d.statements().get(0).index(), "keeps its position in the file");
    }

    @Test
    void yamlPoliciesParseToo() {
        String yaml = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: [dynamodb:GetItem]\n"
                + "    Resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders\n";
        var tree = dev.iampreflight.core.tree.TreeReader.parse(yaml, "p.yaml",
                dev.iampreflight.core.tree.TreeReader.Format.YAML);
        PolicyParser.Result r = PolicyParser.parse(tree.root().orElseThrow(), "p.yaml");
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        Statement s = r.document().orElseThrow().statements().get(0);
        assertEquals(4, s.actions().location().line());
        assertEquals(List.of("dynamodb:GetItem"), s.actions().strings());
    }
}
