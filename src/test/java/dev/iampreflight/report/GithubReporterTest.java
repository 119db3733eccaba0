package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GithubReporterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain          | plain       | plain",
            "100%           | 100%25      | 100%25",
            "a:b,c          | a:b,c       | a%3Ab%2Cc",
            "'line1\nline2' | line1%0Aline2 | line1%0Aline2",
            "'cr\rhere'     | cr%0Dhere   | cr%0Dhere",
    })
    void escapesDataAndProperties(String input, String data, String property) {
        assertEquals(data, GithubReporter.escapeData(input));
        assertEquals(property, GithubReporter.escapeProperty(input));
    }

    @Test
    void oneAnnotationPerFindingWithEscapedProperties() {
        // A newline in a message comes from input: it is shown escaped (\n), never as a new line (#14).
        Report r = new Report(List.of(new Finding("IAM1002", Severity.WARNING, "50% of\nthe resources",
                new SourceLocation("dir,x/a:b.py", 3, 4)).withTarget("t:1")), List.of(), Path.of("."));
        String out = new GithubReporter().render(r, ReportOptions.plain("0"));
        assertEquals("::warning file=dir%2Cx/a%3Ab.py,line=3,col=4,title=IAM1002 permission-for-some-resources in "
                + "t%3A1::50%25 of\\nthe resources\n"
                + "iam-preflight: 0 errors, 1 warning, 0 notes in 1 target (0 calls checked)\n", out);
    }

    @Test
    void appendsTheMarkdownSummaryToTheStepSummaryFile(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        ReportOptions options = new ReportOptions(false, "0.1.0",
                Map.of(GithubReporter.STEP_SUMMARY_VARIABLE, summary.toString()));
        assertEquals(summary, GithubReporter.writeStepSummary(SampleReport.report(), options).orElseThrow());
        String text = Files.readString(summary);
        assertTrue(text.startsWith("earlier step\n## iam-preflight\n"), text);
        assertTrue(text.contains("| `sam:OrdersFunction` | 3 | 1 | 1 | 0 |"), text);
    }

    @Test
    void fileNamesAreRelativeToTheEnclosingRepository(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Path app = Files.createDirectories(dir.resolve("services/orders"));
        assertEquals(dir.toAbsolutePath().normalize(), Report.repositoryRoot(app));
        Report r = new Report(List.of(new Finding("IAM1001", Severity.ERROR, "m",
                new SourceLocation(app.resolve("app.py").toString(), 1, 1))), List.of(), Report.repositoryRoot(app));
        assertTrue(new GithubReporter().render(r, ReportOptions.plain("0")).startsWith(
                "::error file=services/orders/app.py,line=1,col=1,"));
        Path outside = Files.createDirectories(dir.getParent().resolve(dir.getFileName() + "-norepo"));
        try {
            assertEquals(outside.toAbsolutePath().normalize(), Report.repositoryRoot(outside));
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void noStepSummaryWithoutTheVariable() throws Exception {
        assertTrue(GithubReporter.writeStepSummary(SampleReport.report(), ReportOptions.plain("0")).isEmpty());
    }
}
