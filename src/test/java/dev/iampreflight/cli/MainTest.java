package dev.iampreflight.cli;

import static dev.iampreflight.cli.CliRun.run;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {



    @Test
    void helpListsEveryExitCode() {
        CliRun r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        for (ExitCode c : ExitCode.values()) {
            assertTrue(r.out().contains(c.meaning()), "help lists exit code " + c + ": " + r.out());
        }
        assertFalse(r.out().contains("\u001b["), "no colour when not on a terminal");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("iam-preflight 0."), r.out());
    }

    @Test
    void versionAloneBuildsNoSubcommandAndPrintsTheSameAsBefore() {
        assertEquals(run("--version").out(), run("-V").out());
        assertTrue(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false,
                "--version").getSubcommands().isEmpty(), "--version needs no subcommand's model");
        // With anything after it, the arguments are parsed as before (here: a command after the version flag).
        CliRun r = run("--version", "check");
        assertEquals(0, r.code(), r.err());
        assertEquals(run("--version").out(), r.out());
        assertTrue(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false,
                "-V", "--help").getSubcommands().containsKey("check"), "help still lists every command");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = run("--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void completionScriptIsGenerated() {
        CliRun r = run("generate-completion");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("complete -F"), "a bash completion script");
        for (String cmd : new String[]{"check", "scan", "targets", "simulate", "explain", "rules", "init"}) {
            assertTrue(r.out().contains(cmd), "the completion script knows " + cmd);
        }
    }

    @Test
    void everyCommandHasHelpAndAllAreListed() {
        CliRun root = run("--help");
        for (String cmd : new String[]{"check", "scan", "targets", "simulate", "explain", "rules", "init"}) {
            assertTrue(root.out().contains("  " + cmd), "root help lists " + cmd + ": " + root.out());
            CliRun r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd + " --help: " + r.err());
            assertTrue(r.out().contains("Usage: iam-preflight " + cmd), r.out());
        }
    }

    @picocli.CommandLine.Command(name = "boom")
    static final class Boom extends BaseCommand {
        @Override
        protected ExitCode execute() {
            throw new IllegalStateException("kaput\nsecond line");
        }
    }

    @picocli.CommandLine.Command(name = "oops")
    static final class Oops extends BaseCommand {
        @Override
        protected ExitCode execute() {
            throw new dev.iampreflight.core.UserException("'x.json' is not a directory");
        }
    }

    private static CliRun runWith(boolean verbose, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err), false);
        cl.addSubcommand("boom", new Boom());
        cl.addSubcommand("oops", new Oops());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(Main.exceptionHandler(verbose));
        int code = cl.execute(args);
        cl.getErr().flush();
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void aBugIsExitThreeWithOneLineAndTheTraceOnlyWithVerbose() {
        CliRun quiet = runWith(false, "boom");
        assertEquals(3, quiet.code());
        assertEquals("iam-preflight: internal error: IllegalStateException: kaput (run with -v for details; "
                + "please report this)", quiet.err().trim());
        CliRun verbose = runWith(true, "boom", "-v");
        assertEquals(3, verbose.code());
        assertTrue(verbose.err().contains("at dev.iampreflight.cli.MainTest$Boom.execute"), verbose.err());
        assertTrue(Main.verboseRequested("check", "-vv") && !Main.verboseRequested("check", "--version"));
    }

    @Test
    void aUserErrorIsExitTwoWithoutATrace() {
        CliRun r = runWith(false, "oops");
        assertEquals(2, r.code());
        assertEquals("iam-preflight: error: 'x.json' is not a directory", r.err().trim());
    }

    /** Issue #14: no colour on a dumb terminal or with NO_COLOR, whatever else holds. */
    @Test
    void colourNeedsATerminalThatCanShowIt() {
        assertTrue(Main.colorAllowed(true, java.util.Map.of("TERM", "xterm-256color")));
        assertTrue(Main.colorAllowed(true, java.util.Map.of("NO_COLOR", "")));
        assertFalse(Main.colorAllowed(true, java.util.Map.of("TERM", "dumb")));
        assertFalse(Main.colorAllowed(true, java.util.Map.of("NO_COLOR", "1")));
        assertFalse(Main.colorAllowed(false, java.util.Map.of()));
    }
}
