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
