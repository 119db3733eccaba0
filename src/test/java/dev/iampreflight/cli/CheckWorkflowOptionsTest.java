package dev.iampreflight.cli;

import dev.iampreflight.config.Workflow;
import dev.iampreflight.core.UserException;
import dev.iampreflight.report.FailOn;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckWorkflowOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        CheckWorkflowOptions options;
    }

    static CheckWorkflowOptions parse(String... args) {
        Probe p = new Probe();
        CommandLine cl = new CommandLine(p);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.parseArgs(args);
        return p.options;
    }

    @Test
    void defaultsFailOnErrorsAndFixesNothing() {
        CheckWorkflowOptions o = parse();
        assertEquals(FailOn.error, o.failOn());
        assertFalse(o.fix());
        Workflow.Options w = o.workflow(Path.of("."), LocalDate.of(2026, 1, 1));
        assertEquals(Optional.empty(), w.config());
        assertEquals(Optional.empty(), w.baseline());
    }

    @Test
    void parsesEveryOption() {
        CheckWorkflowOptions o = parse("--fail-on", "WARNING", "--config", "c.yml", "--baseline", "b.json",
                "--write-baseline", "n.json", "--fix", "--dry-run");
        o.validate();
        assertEquals(FailOn.warning, o.failOn());
        assertTrue(o.fix() && o.dryRun());
        Workflow.Options w = o.workflow(Path.of("proj"), LocalDate.of(2026, 1, 1));
        assertEquals(Optional.of(Path.of("c.yml")), w.config());
        assertEquals(Optional.of(Path.of("b.json")), w.baseline());
        assertEquals(Optional.of(Path.of("n.json")), w.writeBaseline());
    }

    @Test
    void dryRunNeedsFix() {
        assertThrows(UserException.class, () -> parse("--dry-run").validate());
    }

    @Test
    void anUnknownThresholdIsRejected() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--fail-on", "fatal"));
    }
}
