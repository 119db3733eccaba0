package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14, end to end: {@code key += "/daily.csv"} on an S3 key is part of the key. The policy allows only
 * {@code reports/*.json}, so every key the code writes ({@code reports/{?}/daily.csv}) is denied: an error, not a
 * pass and not a "maybe" warning (which is what reading the key as {@code reports/{?}} gave).
 */
class AugmentedKeyTest {

    @Test
    void anAugmentedS3KeyIsCheckedWithItsSuffix() throws Exception {
        CliRun r = CliRun.run("check", "src/test/resources/check/augmented-key", "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        assertEquals(1, findings.size(), findings.toString());
        JsonNode f = findings.get(0);
        assertEquals("IAM1001", f.get("ruleId").asText(), f.toString());
        assertEquals("s3:PutObject", f.get("action").asText(), f.toString());
        assertTrue(f.get("resource").asText().endsWith("/daily.csv"), f.toString());
        assertEquals("src/app.py", f.get("location").get("file").asText(), f.toString());
        assertEquals(9, f.get("location").get("line").asInt(), f.toString());
    }
}
