package dev.iampreflight.cli;

import dev.iampreflight.config.Workflow;
import dev.iampreflight.core.UserException;
import dev.iampreflight.report.FailOn;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The workflow options of {@code check} (a picocli mixin): {@code --fail-on}, {@code --config}, {@code --baseline},
 * {@code --write-baseline}, {@code --fix} and {@code --dry-run}. {@link #workflow} turns them into the options of
 * {@link Workflow#finish}.
 */
public final class CheckWorkflowOptions {

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "Exit 1 when a finding is at or above SEVERITY: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    FailOn failOn = FailOn.error;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read the configuration from FILE instead of the nearest .iam-preflight.yml.")
    Path config;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Leave out the findings recorded in FILE (written by --write-baseline).")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record the current findings in FILE (atomically), to accept them with --baseline.")
    Path writeBaseline;

    @Option(names = "--fix", description = "Write the missing statements into Chalice and JSON policy files; "
            + "print the statements for CloudFormation and Terraform.")
    boolean fix;

    @Option(names = "--dry-run", description = "With --fix: print the changes as a unified diff, write nothing.")
    boolean dryRun;

    public FailOn failOn() {
        return failOn;
    }

    public boolean fix() {
        return fix;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Checks option combinations; call from the command's {@code validate()}. */
    public void validate() {
        if (dryRun && !fix) {
            throw new UserException("--dry-run only applies to --fix; add --fix to see the changes it would make");
        }
    }

    public Workflow.Options workflow(Path root, LocalDate today) {
        return new Workflow.Options(root, Optional.ofNullable(config), Optional.ofNullable(baseline),
                Optional.ofNullable(writeBaseline), today);
    }
}
