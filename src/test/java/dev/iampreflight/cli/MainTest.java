package dev.iampreflight.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), false, args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryExitCode() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        for (ExitCode c : ExitCode.values()) {
            assertTrue(r.out().contains(c.meaning()), "help lists exit code " + c + ": " + r.out());
        }
        assertFalse(r.out().contains("\u001b["), "no colour when not on a terminal");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("iam-preflight 0."), r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void completionScriptIsGenerated() {
        Run r = run("generate-completion");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("complete -F"), "a bash completion script");
        for (String cmd : new String[]{"check", "scan", "targets", "simulate", "explain", "rules", "init"}) {
            assertTrue(r.out().contains(cmd), "the completion script knows " + cmd);
        }
    }

    @Test
    void everyCommandHasHelpAndAllAreListed() {
        Run root = run("--help");
        for (String cmd : new String[]{"check", "scan", "targets", "simulate", "explain", "rules", "init"}) {
            assertTrue(root.out().contains("  " + cmd), "root help lists " + cmd + ": " + root.out());
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd + " --help: " + r.err());
            assertTrue(r.out().contains("Usage: iam-preflight " + cmd), r.out());
        }
    }
}
