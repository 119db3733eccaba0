package dev.iampreflight.report;

import dev.iampreflight.core.Finding;

import java.util.Collection;

/** Decides whether a run fails: exit 1 when any finding is at or above {@code --fail-on}, else 0. */
public final class Gate {

    private Gate() {
    }

    public static boolean fails(Collection<Finding> findings, FailOn failOn) {
        if (failOn.threshold().isEmpty()) {
            return false;
        }
        for (Finding f : findings) {
            if (f.severity().atLeast(failOn.threshold().get())) {
                return true;
            }
        }
        return false;
    }

    /** 1 ({@code ExitCode.FINDINGS}) when {@link #fails}, else 0 ({@code ExitCode.OK}). */
    public static int exitCode(Collection<Finding> findings, FailOn failOn) {
        return fails(findings, failOn) ? 1 : 0;
    }
}
