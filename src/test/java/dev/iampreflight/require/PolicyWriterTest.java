package dev.iampreflight.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyWriterTest {

    static final SdkCall CALL = new SdkCall("s3", "put_object", Map.of(), Confidence.HIGH,
            new SourceLocation("app.py", 1, 1), "<module>", "client");

    static Requirement req(String action, String resource, Map<String, String> context) {
        return new Requirement(action, resource, context, "test", CALL);
    }

    static final List<Requirement> REQS = List.of(
            req("s3:PutObject", "arn:aws:s3:::b/{?}", Map.of()),
            req("s3:GetObject", "arn:aws:s3:::b/{?}", Map.of()),
            req("s3:GetObject", "arn:aws:s3:::b/{?}", Map.of()),
            req("s3:ListBucket", "arn:aws:s3:::b", Map.of()),
            req("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:1:table/t", Map.of()),
            req("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:1:table/u", Map.of()),
            req("s3:ListAllMyBuckets", "*", Map.of()),
            req("kms:GenerateDataKey", "arn:aws:kms:us-east-1:1:key/{?}",
                    Map.of("kms:ViaService", "s3.{?}.amazonaws.com")));

    @Test
    void groupsActionsWithTheSameResourcesAndSortsEverything() throws Exception {
        String policy = PolicyWriter.write(REQS);
        List<Requirement> shuffled = new ArrayList<>(REQS);
        Collections.reverse(shuffled);
        assertEquals(policy, PolicyWriter.write(shuffled), "order of requirements must not matter");
        JsonNode st = new ObjectMapper().readTree(policy).path("Statement");
        assertEquals(5, st.size(), policy);
        assertEquals("dynamodb:GetItem", st.get(0).path("Action").asText());
        assertEquals(2, st.get(0).path("Resource").size());
        assertEquals("kms:GenerateDataKey", st.get(1).path("Action").asText());
        assertEquals("arn:aws:kms:us-east-1:1:key/*", st.get(1).path("Resource").asText());
        assertEquals("s3.*.amazonaws.com", st.get(1).path("Condition").path("StringLike").path("kms:ViaService").asText());
        assertEquals("[\"s3:GetObject\",\"s3:PutObject\"]", st.get(2).path("Action").toString());
        assertEquals("arn:aws:s3:::b/*", st.get(2).path("Resource").asText());
        assertEquals("s3:ListAllMyBuckets", st.get(3).path("Action").asText());
        assertEquals("*", st.get(3).path("Resource").asText());
        assertEquals("s3:ListBucket", st.get(4).path("Action").asText());
        assertEquals("arn:aws:s3:::b", st.get(4).path("Resource").asText());
        assertTrue(PolicyParser.parseJson(policy, "policy.json").document().isPresent());
    }
}
