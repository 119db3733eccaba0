package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.iampreflight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A policy repeated across batch lines is parsed once, but each line's explanation must name the policy where that
 * line has it (a cached document used to keep the name of its first use).
 */
class SimulateBatchExplanationTest {

    @TempDir
    Path dir;

    private static final String DENY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
    private static final String ALLOW = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

    @Test
    void aRepeatedPolicyIsNamedByItsPlaceOnEachLine() throws Exception {
        String common = "\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\","
                + "\"principal\":\"arn:aws:iam::111122223333:user/u\"";
        Path batch = dir.resolve("b.jsonl");
        Files.writeString(batch, "{\"id\":1," + common + ",\"identityPolicies\":[" + DENY + "]}\n"
                + "{\"id\":2," + common + ",\"identityPolicies\":[" + ALLOW + "],\"permissionBoundaries\":[" + DENY
                + "]}\n");
        CliRun r = run("simulate", "--batch", batch.toString());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        ObjectMapper m = new ObjectMapper();
        JsonNode first = m.readTree(lines[0]);
        JsonNode second = m.readTree(lines[1]);
        assertEquals("explicit_deny", first.path("decision").asText(), lines[0]);
        assertEquals("explicit_deny", second.path("decision").asText(), lines[1]);
        String firstWhy = first.path("explanation").toString();
        String secondWhy = second.path("explanation").toString();
        assertTrue(firstWhy.contains("identityPolicies[0]"), firstWhy);
        assertTrue(secondWhy.contains("permissionBoundaries[0]"), secondWhy);
        assertFalse(secondWhy.contains("identityPolicies[0]' statement"), secondWhy);
    }

    @Test
    void policySetsDefinedOnceAndUsedByReference() throws Exception {
        String req = "\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\","
                + "\"principal\":\"arn:aws:iam::111122223333:user/u\"";
        Path batch = dir.resolve("ref.jsonl");
        Files.writeString(batch, String.join("\n",
                "{\"policySet\":{\"id\":\"open\",\"identityPolicies\":[" + ALLOW + "]}}",
                "{\"policySet\":{\"id\":\"closed\",\"identityPolicies\":[" + ALLOW + "],\"permissionBoundaries\":["
                        + DENY + "]}}",
                "{\"id\":1,\"policySet\":\"open\"," + req + "}",
                "{\"id\":2,\"policySet\":\"closed\"," + req + "}",
                "{\"id\":3,\"policySet\":\"nosuch\"," + req + "}",
                "{\"id\":4,\"policySet\":\"open\",\"identityPolicies\":[" + DENY + "]," + req + "}",
                "{\"policySet\":{\"id\":\"open\",\"identityPolicies\":[]}}",
                "{\"id\":5," + req + ",\"identityPolicies\":[" + ALLOW + "]}", ""));
        CliRun r = run("simulate", "--batch", batch.toString());
        String[] lines = r.out().strip().split("\n");
        // Definitions print nothing; each request line prints one result; bad lines say why.
        assertEquals(6, lines.length, r.out());
        ObjectMapper m = new ObjectMapper();
        assertEquals("allowed", m.readTree(lines[0]).path("decision").asText(), lines[0]);
        assertEquals("explicit_deny", m.readTree(lines[1]).path("decision").asText(), lines[1]);
        assertTrue(lines[1].contains("policySet closed permissionBoundaries[0]"), lines[1]);
        assertTrue(m.readTree(lines[2]).path("error").asText().contains("no policy set 'nosuch'"), lines[2]);
        assertTrue(m.readTree(lines[3]).path("error").asText().contains("cannot also carry 'identityPolicies'"),
                lines[3]);
        assertTrue(m.readTree(lines[4]).path("error").asText().contains("'open' is already defined"), lines[4]);
        assertEquals(7, m.readTree(lines[4]).path("line").asInt(), lines[4]);
        assertEquals("allowed", m.readTree(lines[5]).path("decision").asText(), lines[5]);
        assertEquals(2, r.code(), "malformed lines exit 2");
    }

    @Test
    void noExplainPrintsOnlyTheDecision() throws Exception {
        Path batch = dir.resolve("plain.jsonl");
        Files.writeString(batch, "{\"id\":\"a\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\"principal\":\"arn:aws:iam::111122223333:user/u\","
                + "\"identityPolicies\":[" + ALLOW + "]}\n");
        CliRun r = run("simulate", "--batch", batch.toString(), "--no-explain");
        assertEquals("{\"id\":\"a\",\"decision\":\"allowed\"}", r.out().strip());
        assertEquals(0, r.code());
        CliRun bad = run("simulate", "--batch", batch.toString(), "--no-explain", "--explain");
        assertEquals(2, bad.code(), bad.err());
    }
}
