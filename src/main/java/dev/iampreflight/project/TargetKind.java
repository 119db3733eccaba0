package dev.iampreflight.project;

import java.util.Locale;

/** Which kind of deploy file declared a target. */
public enum TargetKind {
    CHALICE, SAM, CLOUDFORMATION, TERRAFORM, SERVERLESS;

    /** The lower-case name used in target names and JSON output ({@code chalice}, {@code sam}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
