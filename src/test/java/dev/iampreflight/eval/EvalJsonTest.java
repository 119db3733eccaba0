package dev.iampreflight.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The batch's streaming reading of a request line that names a policy set is a shortcut for the tree reading: where it
 * answers, it gives what the tree gives; everywhere else it declines, and the tree reading (with its error messages)
 * decides.
 */
class EvalJsonTest {

    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

    private static EvalJson withSet() throws Exception {
        EvalJson json = new EvalJson(8);
        JsonNode def = EvalJson.MAPPER.readTree("{\"policySet\":{\"id\":\"p1\",\"identityPolicies\":[" + POLICY
                + "]}}");
        assertEquals(true, json.defineIfDefinition(def, "batch"));
        return json;
    }

    private static EvalJson.ReferenceLine quick(EvalJson json, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return json.readReferenceLine(b, 0, b.length);
    }

    @Test
    void aReferenceLineReadsAsItsTreeDoes() throws Exception {
        EvalJson json = withSet();
        for (String line : List.of(
                "{\"id\":7,\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\"policySet\":\"p1\"}",
                "{\"policySet\":\"p1\",\"resource\":\"arn:aws:s3:::b/{?}\",\"action\":\"s3:GetObject\","
                        + "\"principal\":\"arn:aws:iam::111122223333:user/u\",\"resourceAccount\":\"111122223333\","
                        + "\"context\":{\"aws:SecureTransport\":true,\"aws:TagKeys\":[\"a\",\"b\"],"
                        + "\"s3:prefix\":\"home/\\u00e9\"},\"id\":\"x-1\"}",
                "{\"id\":null,\"action\":\"s3:GetObject\",\"resource\":\"r\",\"policySet\":\"p1\",\"context\":{}}",
                "  {\"id\":9999999999,\"action\":\"a:b\",\"resource\":\"r\",\"policySet\":\"p1\"}  ")) {
            JsonNode tree = EvalJson.MAPPER.readTree(line);
            EvalJson.ReferenceLine q = quick(json, line);
            assertNotNull(q, line);
            assertEquals(EvalJson.request(tree), q.request(), line);
            assertSame(json.policiesOf(tree, "batch"), q.set(), line);
            JsonNode id = tree.get("id");
            assertEquals(id == null ? null : id.toString(), q.id() == null ? null : q.id().toString(), line);
        }
    }

    @Test
    void anythingElseIsLeftToTheTreeReading() throws Exception {
        EvalJson json = withSet();
        for (String line : List.of(
                // inline policies, another field, an undefined set, no set
                "{\"action\":\"s3:GetObject\",\"resource\":\"r\",\"identityPolicies\":[" + POLICY + "]}",
                "{\"action\":\"s3:GetObject\",\"resource\":\"r\",\"policySet\":\"p1\",\"comment\":\"c\"}",
                "{\"action\":\"s3:GetObject\",\"resource\":\"r\",\"policySet\":\"p2\"}",
                "{\"action\":\"s3:GetObject\",\"resource\":\"r\"}",
                // values whose reading the tree decides: numbers and nulls in the context, a null principal,
                // a number as action, a duplicate field, a fractional id
                "{\"action\":\"s3:GetObject\",\"resource\":\"r\",\"policySet\":\"p1\",\"context\":{\"k\":1.50}}",
                "{\"action\":\"s3:GetObject\",\"resource\":\"r\",\"policySet\":\"p1\",\"context\":{\"k\":null}}",
                "{\"action\":\"s3:GetObject\",\"resource\":\"r\",\"policySet\":\"p1\",\"principal\":null}",
                "{\"action\":5,\"resource\":\"r\",\"policySet\":\"p1\"}",
                "{\"action\":\"a:b\",\"action\":\"a:c\",\"resource\":\"r\",\"policySet\":\"p1\"}",
                "{\"id\":1.5,\"action\":\"a:b\",\"resource\":\"r\",\"policySet\":\"p1\"}",
                // missing required fields, text after the object, not an object, not JSON
                "{\"resource\":\"r\",\"policySet\":\"p1\"}",
                "{\"action\":\"a:b\",\"resource\":\"r\",\"policySet\":\"p1\"} {}",
                "[1]",
                "{\"action\":")) {
            assertNull(quick(json, line), line);
        }
    }

    @Test
    void writeGivesTheSameTextAsToString() throws Exception {
        JsonNode n = EvalJson.MAPPER.readTree("{\"id\":[1,2.5,12345678901,123456789012345678901234567890,"
                + "1.25e400,true,null,{\"a\":\"\\\"q\\\" \\u0001 \\u00e9 \\ud83d\\ude00\"}],\"e\":{}}");
        StringWriter w = new StringWriter();
        try (JsonGenerator g = EvalJson.MAPPER.getFactory().createGenerator(w)) {
            EvalJson.write(g, n);
        }
        assertEquals(n.toString(), w.toString());
    }
}
