package dev.iampreflight.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the CLI entry point as tests drive it: the exit code and what it printed to out and err. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code iam-preflight ARGS...} through {@link Main#run}, not on a terminal (so without colour). */
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), false, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
