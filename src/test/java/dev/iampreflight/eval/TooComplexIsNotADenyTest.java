package dev.iampreflight.eval;

import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request with unknown parts whose exact analysis would exceed the automaton's state budget is not answered as a
 * certain deny: an error must mean "will be denied".
 */
class TooComplexIsNotADenyTest {

    @Test
    void anAnalysisCutShortIsUncertain() {
        String letters = "abcdefghij";
        StringBuilder statements = new StringBuilder();
        for (int i = 0; i < letters.length(); i++) {
            StringBuilder pattern = new StringBuilder("arn:aws:s3:::b/");
            for (int k = 0; k < letters.length(); k++) {
                pattern.append('*').append(letters.charAt((i + k * 3) % letters.length()));
            }
            pattern.append('*');
            statements.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",")
                    .append("\"Resource\":\"").append(pattern).append("\"}");
        }
        PolicyDocument doc = PolicyParser.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}",
                "p.json").document().orElseThrow();
        StringBuilder resource = new StringBuilder("arn:aws:s3:::b/");
        for (int k = 0; k < 24; k++) {
            resource.append("{?}").append(letters.charAt((k * 7) % letters.length()));
        }
        Decision d = LocalEngine.withBundledKnowledge().evaluate(PolicySet.identity(doc), new Request("s3:GetObject",
                resource.toString(), Optional.of("arn:aws:iam::111122223333:role/r"), Optional.empty(), Map.of()));
        assertNotEquals(DecisionKind.IMPLICIT_DENY, d.kind(), d.reasons().toString());
        assertNotEquals(DecisionKind.EXPLICIT_DENY, d.kind(), d.reasons().toString());
        assertTrue(d.kind() == DecisionKind.ALLOWED || d.kind() == DecisionKind.ALLOWED_FOR_SOME, d.toString());
    }
}
