package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.iampreflight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14: what docs/reporters.md promises of every format: each carries the summary line, and the CI formats
 * (SARIF, JUnit, GitHub) name files by one convention, relative to the repository root.
 */
class ReportConventionsTest {

    @TempDir
    Path dir;

    private static final String SUMMARY = "4 errors, 0 warnings, 0 notes in 2 targets (12 calls checked)";

    /** The Chalice example in a sub-folder of a git work tree. */
    private Path app() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Path from = Path.of("examples", "chalice-orders");
        Path to = dir.resolve("services/orders");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    @Test
    void everyFormatCarriesTheSummary() throws Exception {
        Path app = app();
        for (String format : new String[] {"text", "github", "markdown", "junit"}) {
            CliRun r = run("check", app.toString(), "--format", format);
            assertTrue(r.out().contains(SUMMARY), format + ":\n" + r.out());
        }
        JsonNode json = new ObjectMapper().readTree(run("check", app.toString(), "--format", "json").out());
        assertEquals(4, json.get("summary").get("errors").asInt());
        assertEquals(12, json.get("summary").get("calls").asInt());
        JsonNode sarif = new ObjectMapper().readTree(run("check", app.toString(), "--format", "sarif").out());
        JsonNode summary = sarif.get("runs").get(0).get("properties").get("summary");
        assertEquals(SUMMARY, summary.get("text").asText());
        assertEquals(12, summary.get("calls").asInt());
    }

    @Test
    void junitAndSarifNameFilesTheSameWay() throws Exception {
        Path app = app();
        JsonNode sarif = new ObjectMapper().readTree(run("check", app.toString(), "--format", "sarif").out());
        String uri = sarif.get("runs").get(0).get("results").get(0).get("locations").get(0)
                .get("physicalLocation").get("artifactLocation").get("uri").asText();
        assertTrue(uri.startsWith("services/orders/"), uri);
        String junit = run("check", app.toString(), "--format", "junit").out();
        Matcher m = Pattern.compile(" file=\"([^\"]+)\"").matcher(junit);
        assertTrue(m.find(), junit);
        assertTrue(m.group(1).startsWith("services/orders/"), m.group(1));
        assertTrue(junit.contains(" file=\"" + uri + "\""), uri + "\n" + junit);
    }
}
