package dev.iampreflight.cli;

import dev.iampreflight.project.Project;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #14: -v says what a check read and why; a progress line only on a terminal, only for long runs. */
class RunNarratorTest {

    @Test
    void verboseCheckSaysWhichConfigurationFilesReadersTargetsAndCodeRoots() {
        CliRun r = CliRun.run("check", "examples/chalice-orders", "-v", "--format", "json");
        String err = r.err();
        assertTrue(err.contains("iam-preflight: configuration: "), err);
        assertTrue(err.contains("iam-preflight: read .chalice/config.json with the chalice reader: a Chalice app's "
                + "configuration"), err);
        assertTrue(err.contains("iam-preflight: target chalice:dev:api_handler (declared in .chalice/config.json"),
                err);
        assertTrue(err.contains("code roots "), err);
        assertTrue(err.matches("(?s).*iam-preflight: parsed [1-9][0-9]* Python file\\(s\\).*"), err);
        assertTrue(r.out().startsWith("{"), "the report on stdout is untouched: " + r.out());
    }

    @Test
    void verboseNamesTheReaderOfEachKindOfDeployFile() {
        CliRun sam = CliRun.run("check", "examples/sam-reports", "-v");
        assertTrue(sam.err().contains("with the cloudformation reader: a CloudFormation/SAM template (by its content)"),
                sam.err());
        CliRun tf = CliRun.run("check", "examples/terraform-app", "-v");
        assertTrue(tf.err().contains("with the terraform reader: a folder of Terraform configuration (*.tf)"),
                tf.err());
    }

    @Test
    void withoutVerboseOrATerminalNothingIsNarrated() {
        CliRun r = CliRun.run("check", "examples/chalice-orders", "--format", "json");
        assertFalse(r.err().contains("iam-preflight: read "), r.err());
        assertFalse(r.err().contains("\r"), r.err());
    }

    @Test
    void progressIsDrawnAfterASecondInPlaceAndErasedAtTheEnd() {
        AtomicLong now = new AtomicLong(0);
        StringWriter sw = new StringWriter();
        RunNarrator n = new RunNarrator(new PrintWriter(sw), false, true, now::get);
        n.discovered(List.of(new Project.Read("template.yaml", "cloudformation", "why")));
        assertEquals("", sw.toString(), "nothing in the first second");
        now.set(1_500_000_000L);
        n.targetChecked(null, 1, 3, 12);
        assertEquals("\r\u001b[Kiam-preflight: checked 1/3 target(s), 12 Python file(s) parsed", sw.toString());
        now.set(1_550_000_000L);
        n.targetChecked(null, 2, 3, 20);
        assertFalse(sw.toString().contains("2/3"), "not redrawn within 100 ms");
        now.set(1_700_000_000L);
        n.targetChecked(null, 3, 3, 25);
        assertTrue(sw.toString().endsWith("\r\u001b[Kiam-preflight: checked 3/3 target(s), 25 Python file(s) parsed"));
        n.finish();
        assertTrue(sw.toString().endsWith("\r\u001b[K"), "the line is erased before the report");
        assertFalse(sw.toString().contains("\n"), "one line, redrawn in place");
    }

    @Test
    void progressOnlyOnATerminalNotQuietNotInCi() {
        assertTrue(RunNarrator.progressAllowed(true, false, Map.of("TERM", "xterm")));
        assertFalse(RunNarrator.progressAllowed(false, false, Map.of()), "stderr is a pipe or a file");
        assertFalse(RunNarrator.progressAllowed(true, true, Map.of()), "-q");
        assertFalse(RunNarrator.progressAllowed(true, false, Map.of("CI", "true")), "a CI log");
        assertTrue(RunNarrator.progressAllowed(true, false, Map.of("CI", "false")));
        assertFalse(RunNarrator.progressAllowed(true, false, Map.of("TERM", "dumb")));
    }

    @Test
    void aCheckOnATerminalErasesItsProgressLineAndKeepsJsonClean() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), false, true, "check",
                "examples/chalice-orders", "--format", "json");
        assertEquals(1, code, err.toString());
        assertTrue(out.toString().startsWith("{") && !out.toString().contains("\r"), out.toString());
        // A short run draws nothing; a long one (a loaded machine) erases its line before the report is written.
        assertTrue(err.toString().isEmpty() || err.toString().endsWith("\r\u001b[K"), err.toString());
    }
}
