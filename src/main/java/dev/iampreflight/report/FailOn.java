package dev.iampreflight.report;

import dev.iampreflight.core.Severity;

import java.util.Optional;

/** The {@code --fail-on} threshold. Lower-case constants so picocli accepts and lists them as users type them. */
public enum FailOn {
    error(Severity.ERROR), warning(Severity.WARNING), note(Severity.NOTE), never(null);

    private final Severity threshold;

    FailOn(Severity threshold) {
        this.threshold = threshold;
    }

    /** The least severe severity that fails the run; empty for {@code never}. */
    public Optional<Severity> threshold() {
        return Optional.ofNullable(threshold);
    }
}
