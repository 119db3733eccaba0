package dev.iampreflight.core;

import java.util.Locale;

/** How bad a finding is. Order matters: {@code ERROR} is the most severe. */
public enum Severity {
    ERROR, WARNING, NOTE;

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
