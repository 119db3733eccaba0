package dev.iampreflight.cli;

import dev.iampreflight.check.RunListener;
import dev.iampreflight.core.Printable;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.Project;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Tells the user on standard error what a check reads and why ({@code -v}: the configuration, each deploy file and
 * its reader, each target with its code roots and handler) and, on a terminal, how far a run that takes over a
 * second has got (one line, redrawn in place and erased at the end). The progress line never goes to a pipe or a
 * file, so CI logs and reports (JSON on standard output) never hold it.
 */
final class RunNarrator implements RunListener {

    /** A run shorter than this shows no progress line: it would only flicker. */
    static final long PROGRESS_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean verbose;
    private final boolean progress;
    private final LongSupplier clock;
    private final long start;
    private long drawnAt;
    private boolean lineShown;
    private int files;

    RunNarrator(PrintWriter err, boolean verbose, boolean progress, LongSupplier clock) {
        this.err = err;
        this.verbose = verbose;
        this.progress = progress;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.drawnAt = start - REDRAW_NANOS;
    }

    /**
     * Whether a progress line may be drawn: standard error is a terminal that can move the cursor back, the run is
     * not quiet, and no CI system is running it (CI sets {@code CI}; its log may still be a pseudo-terminal).
     */
    static boolean progressAllowed(boolean errTerminal, boolean quiet, Map<String, String> env) {
        String ci = env.get("CI");
        return errTerminal && !quiet && !"dumb".equals(env.get("TERM")) && (ci == null || ci.isEmpty()
                || ci.equalsIgnoreCase("false"));
    }

    @Override
    public void configuration(Optional<Path> file) {
        say(file.map(f -> "configuration: " + f).orElse("configuration: none (no .iam-preflight.yml in the folder "
                + "or above it; defaults apply)"));
    }

    @Override
    public void discovered(List<Project.Read> reads) {
        if (reads.isEmpty()) {
            say("read no deploy file");
        }
        for (Project.Read r : reads) {
            say("read " + r.file() + " with the " + r.reader() + " reader: " + r.why());
        }
        draw("read " + reads.size() + " deploy file(s)");
    }

    @Override
    public void targets(List<DeployTarget> targets) {
        for (DeployTarget t : targets) {
            String code = t.codeNotChecked().map(why -> "code not checked: " + why)
                    .or(() -> t.inlineCode().map(ic -> "inline code at " + ic.at().file() + ":" + ic.at().line()))
                    .orElseGet(() -> "code roots " + (t.codeRoots().isEmpty() ? "(none)"
                            : String.join(", ", t.codeRoots())) + ", handler " + t.handler().orElse("(none)"));
            say("target " + t.name() + " (declared in " + t.declaredIn().file()
                    + (t.declaredIn().line() > 0 ? ":" + t.declaredIn().line() : "") + "): " + code);
        }
        draw("checking " + targets.size() + " target(s)");
    }

    @Override
    public void targetChecked(DeployTarget target, int checked, int total, int filesParsed) {
        files = filesParsed;
        draw("checked " + checked + "/" + total + " target(s), " + filesParsed + " Python file(s) parsed");
    }

    /** Erases the progress line (before the report or an error is printed). */
    void finish() {
        if (lineShown) {
            err.print("\r\u001b[K");
            err.flush();
            lineShown = false;
        }
        if (verbose) {
            say("parsed " + files + " Python file(s)");
        }
    }

    private void say(String line) {
        if (verbose) {
            if (lineShown) {
                err.print("\r\u001b[K");
                lineShown = false;
            }
            err.println("iam-preflight: " + Printable.escape(line));
            err.flush();
        }
    }

    private void draw(String line) {
        long now = clock.getAsLong();
        if (!progress || now - start < PROGRESS_AFTER_NANOS || now - drawnAt < REDRAW_NANOS) {
            return;
        }
        drawnAt = now;
        err.print("\r\u001b[K" + "iam-preflight: " + Printable.escape(line));
        err.flush();
        lineShown = true;
    }
}
