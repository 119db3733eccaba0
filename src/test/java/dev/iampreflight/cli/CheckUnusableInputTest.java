package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When nothing can be checked because an input is unreadable, the report still says where (issue #20). */
class CheckUnusableInputTest {

    @Test
    void aTerraformParseErrorIsAReportedLocatedFindingWithExitTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), "resource \"aws_lambda_function\" \"f\" {\n  handler = \"a.b\"\n"
                + "  role =\n}\n");
        CliRun r = CliRun.run("check", dir.toString(), "--format", "json");
        assertEquals(2, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        JsonNode f = report.get("findings").get(0);
        assertEquals("IAM0001", f.get("ruleId").asText());
        assertEquals("main.tf", f.get("location").get("file").asText());
        assertEquals(3, f.get("location").get("line").asInt());
        assertEquals(0, report.get("targets").size());
        assertTrue(r.err().contains("nothing to check"), r.err());
    }

    @Test
    void aDirectoryWithNothingInItStaysAUsageErrorWithoutAReport(@TempDir Path dir) {
        CliRun r = CliRun.run("check", dir.toString(), "--format", "json");
        assertEquals(2, r.code());
        assertEquals("", r.out().strip());
        assertTrue(r.err().contains("nothing to check"), r.err());
    }

    @Test
    void functionsInsideRegistryModulesAreNotCalledNothing(@TempDir Path dir) throws Exception {
        // Without .terraform/ the module's resources are unknown: the exit is still 2, but the message says why
        // there may well be targets.
        Files.writeString(dir.resolve("main.tf"), "module \"api\" {\n  source = \"git::https://example.com/m.git\"\n}\n");
        CliRun r = CliRun.run("check", dir.toString(), "--format", "json");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("1 Terraform module call(s) come from a registry or git source"), r.err());
    }
}
