package dev.iampreflight.report;

import dev.iampreflight.cli.CliRun;
import static dev.iampreflight.cli.CliRun.run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reporters and the fixer on the example apps, through the CLI as a user runs them. */
class ExamplesOutputTest {



    @ParameterizedTest
    @ValueSource(strings = {"examples/chalice-orders", "examples/sam-reports", "examples/terraform-app"})
    void sarifOfEveryExampleIsValidAndPointsIntoTheProject(String example) throws Exception {
        CliRun r = run("check", example, "--format", "sarif");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(), SarifSchemaTest.validate(r.out()));
        JsonNode results = new ObjectMapper().readTree(r.out()).at("/runs/0/results");
        assertTrue(results.size() > 0);
        for (JsonNode result : results) {
            String uri = result.at("/locations/0/physicalLocation/artifactLocation/uri").asText();
            // GitHub code scanning resolves URIs against the repository root, not the checked directory.
            assertTrue(Files.isRegularFile(Report.repositoryRoot(Path.of(example)).resolve(uri)), uri);
            assertTrue(uri.startsWith(example + "/"), uri);
            assertEquals(64, result.at("/partialFingerprints/iamPreflight~1v1").asText().length());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"junit", "markdown"})
    void everyFormatEndsWithTheSameCounts(String format) {
        CliRun r = run("check", "examples/chalice-orders", "--format", format);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("4 errors") || r.out().contains("failures=\"4\""), r.out());
    }

    @Test
    void fixMakesTheChaliceExamplePassAndASecondFixChangesNothing(@TempDir Path dir) throws Exception {
        Path app = dir.resolve("chalice-orders");
        TestFiles.copyTree(Path.of("examples/chalice-orders"), app);
        Path policy = app.resolve(".chalice/policy-dev.json");
        String before = Files.readString(policy);

        CliRun dry = run("check", app.toString(), "--fix", "--dry-run", "--format", "json");
        // The diff goes to stderr: stdout holds the JSON report (#14).
        assertTrue(dry.err().startsWith("--- a/.chalice/policy-dev.json\n"), dry.err());
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(dry.out());
        assertEquals(before, Files.readString(policy));

        run("check", app.toString(), "--fix", "-q");
        assertFalse(before.equals(Files.readString(policy)));
        CliRun after = run("check", app.toString());
        assertEquals(0, after.code(), after.out() + after.err());
        String fixed = Files.readString(policy);
        run("check", app.toString(), "--fix", "-q");
        assertEquals(fixed, Files.readString(policy));
    }

}
