package dev.iampreflight.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #14: each command's --format lists only what it produces, and a usage mistake gets a short usage. */
class CommandFormatsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "check    | text, json, sarif, github, junit, markdown",
            "scan     | text, json, policy",
            "targets  | text, json",
            "simulate | text, json",
            "explain  | text, json"})
    void helpListsTheCommandsOwnFormats(String command, String formats) {
        CliRun r = CliRun.run(command, "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Output format: " + formats + " (default: text)"), help);
        assertFalse(help.contains("Not every command supports every format"), help);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "check    | policy | not a format of this command; this command supports text, json, sarif, github, junit, markdown",
            "scan     | sarif  | not a format of this command; this command supports text, json, policy",
            "targets  | junit  | not a format of this command; this command supports text, json",
            "explain  | xml    | not a format; this command supports text, json"})
    void anUnsupportedFormatIsRejectedNamingTheSupportedOnes(String command, String format, String says) {
        CliRun r = CliRun.run(command, "--format", format, "examples/chalice-orders");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'" + format + "' is " + says), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aUsageMistakeGetsAShortUsageNotTheWholeHelp() {
        CliRun r = CliRun.run("check", "--format", "xml", "examples/chalice-orders");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("iam-preflight: error: Invalid value for option '--format'"), r.err());
        assertTrue(r.err().contains("Usage: iam-preflight check [OPTIONS] [DIR]\n"), r.err());
        assertTrue(r.err().contains("Run 'iam-preflight check --help' for the options."), r.err());
        assertFalse(r.err().contains("--write-baseline"), "the options are not all listed: " + r.err());
        assertTrue(r.err().lines().count() <= 4, r.err());
    }

    @Test
    void aMisspeltOptionStillGetsSuggestions() {
        CliRun r = CliRun.run("check", "--formt");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--formt'"), r.err());
        assertTrue(r.err().contains("--format"), "suggests the option meant: " + r.err());
    }
}
