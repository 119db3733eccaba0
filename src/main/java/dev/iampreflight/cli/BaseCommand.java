package dev.iampreflight.cli;

import dev.iampreflight.core.AtomicFiles;
import dev.iampreflight.core.UserException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

/**
 * Every subcommand: {@code call()} runs {@link #validate()} then {@link #execute()}. Subcommands only wire options to
 * the library and print; the logic lives in the pipeline packages.
 */
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected VerbosityOptions verbosity;

    /** Checks option combinations; throws {@link UserException} for a usage mistake. */
    protected void validate() {
    }

    /** Does the work and returns the exit code. */
    protected abstract ExitCode execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        validate();
        return execute().code();
    }

    protected Console console() {
        return Main.console(spec.commandLine(), verbosity);
    }

    /**
     * Sends a finished report to --output (atomically) or standard output. Reports are built as strings first so a
     * failure half-way never leaves a half-written file.
     */
    /**
     * Renders {@code findings} (and the targets) in the chosen format and writes them where {@code output} says. The
     * formats CI systems read (SARIF, GitHub annotations, JUnit) name files relative to the repository root, as code
     * scanning and test-report views resolve them, whatever folder was checked; the formats people read (text, JSON,
     * markdown) relative to the checked folder. With a {@code failure} (nothing could be checked), the report says why
     * (a tool execution notification in SARIF) and no step summary is written.
     */
    protected void writeReport(OutputOptions output, java.nio.file.Path root,
                               java.util.List<dev.iampreflight.core.Finding> findings,
                               java.util.List<dev.iampreflight.report.TargetSummary> targets,
                               java.util.Optional<String> failure) throws IOException {
        java.nio.file.Path reportRoot = switch (output.format()) {
            case sarif, github, junit -> dev.iampreflight.report.Report.repositoryRoot(root);
            default -> root;
        };
        java.util.List<dev.iampreflight.core.Finding> located = reportRoot.equals(root) ? findings
                : dev.iampreflight.check.Findings.absolute(findings, root);
        dev.iampreflight.report.Report report = new dev.iampreflight.report.Report(located, targets, reportRoot,
                failure);
        dev.iampreflight.report.Reporter reporter = dev.iampreflight.report.Reporters.byName(output.format().name())
                .orElseThrow(() -> new UserException("unknown format " + output.format()));
        dev.iampreflight.report.ReportOptions ro = new dev.iampreflight.report.ReportOptions(
                console().color() && output.output().isEmpty(), VersionProvider.version(), System.getenv());
        emit(output, reporter.render(report, ro));
        if (output.format() == OutputFormat.github && failure.isEmpty()) {
            dev.iampreflight.report.GithubReporter.writeStepSummary(report, ro);
        }
    }

    protected void emit(OutputOptions output, String report) {
        if (output.output().isPresent()) {
            try {
                AtomicFiles.write(output.output().get(), report);
            } catch (IOException e) {
                throw new UserException("cannot write '" + output.output().get() + "': " + AtomicFiles.reason(e), e);
            }
        } else {
            PrintWriter out = console().out();
            out.print(report);
            out.flush();
        }
    }

    /** A StringWriter-backed PrintWriter for building reports. */
    protected static PrintWriter buffer(StringWriter sw) {
        return new PrintWriter(sw);
    }
}
