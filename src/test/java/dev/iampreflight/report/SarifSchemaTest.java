package dev.iampreflight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our SARIF against the official OASIS 2.1.0 schema (see src/test/resources/sarif/README.md for its source). */
class SarifSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Error> validate(String sarif) throws Exception {
        Schema schema;
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
        return schema.validate(MAPPER.readTree(sarif));
    }

    @Test
    void sampleReportIsValidSarif() throws Exception {
        String sarif = new SarifReporter().render(SampleReport.report(), ReportOptions.plain("0.1.0"));
        assertEquals(List.of(), validate(sarif));
    }

    @Test
    void anEmptyReportIsValidSarifWithNoResults() throws Exception {
        String sarif = new SarifReporter().render(new Report(List.of(), List.of(), Path.of(".")),
                ReportOptions.plain("0.1.0"));
        assertEquals(List.of(), validate(sarif));
        assertEquals(0, MAPPER.readTree(sarif).at("/runs/0/results").size());
    }

    @Test
    void locationlessFindingsAndUnknownRulesAreValidSarif() throws Exception {
        Report report = new Report(List.of(
                new Finding("IAM9999", Severity.NOTE, "a finding of a rule this reporter does not know",
                        SourceLocation.unknown()),
                new Finding("IAM0004", Severity.ERROR, "'x y.json' does not exist", SourceLocation.of("dir/x y.json"))),
                List.of(), Path.of("."));
        String sarif = new SarifReporter().render(report, ReportOptions.plain("dev"));
        assertEquals(List.of(), validate(sarif));
        JsonNode run = MAPPER.readTree(sarif).get("runs").get(0);
        // Sorted: the finding without a file comes first.
        assertTrue(run.at("/results/0/locations").isMissingNode(), "no location without a file");
        assertEquals("dir/x%20y.json", run.at("/results/1/locations/0/physicalLocation/artifactLocation/uri")
                .asText());
        assertEquals("IAM0004", run.at("/tool/driver/rules/0/id").asText());
        assertEquals("IAM9999", run.at("/tool/driver/rules/1/id").asText());
        assertEquals(1, run.at("/results/0/ruleIndex").asInt());
    }

    @Test
    void theValidatorRejectsBrokenSarif() throws Exception {
        // Guards against a validator that accepts anything (wrong dialect, schema not loaded).
        assertFalse(validate("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"level\":\"fatal\"}]}]}").isEmpty());
    }

    @Test
    void fingerprintsIgnoreLineMovesButNotTheRequest() {
        Finding f = SampleReport.findings().get(4);
        Finding moved = new Finding(f.ruleId(), f.severity(), f.message(),
                new SourceLocation(f.location().file(), f.location().line() + 10, 1), f.related(), f.target(),
                f.action(), f.resource(), f.fix());
        Report r = SampleReport.report();
        assertEquals(Fingerprints.of(f, r), Fingerprints.of(moved, r));
        assertNotEquals(Fingerprints.of(f, r), Fingerprints.of(f.withRequest("dynamodb:GetItem",
                f.resource().orElseThrow()), r));
        assertNotEquals(Fingerprints.of(f, r), Fingerprints.of(f.withTarget("sam:Other"), r));
    }

    @Test
    void resultsCarryRepoRelativeUrisAndFingerprints() throws Exception {
        JsonNode result = MAPPER.readTree(new SarifReporter().render(SampleReport.report(),
                new ReportOptions(false, "0.1.0", Map.of()))).at("/runs/0/results");
        JsonNode missing = null;
        for (JsonNode r : result) {
            if (r.at("/properties/action").asText().equals("dynamodb:PutItem")) {
                missing = r;
            }
        }
        assertEquals("app.py", missing.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", missing.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText());
        assertEquals(14, missing.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertEquals(".chalice/policy-dev.json",
                missing.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals(64, missing.at("/partialFingerprints/" + Fingerprints.SARIF_KEY.replace("/", "~1")).asText()
                .length());
    }
}
