package dev.iampreflight.core;

import java.util.List;
import java.util.Objects;

/**
 * One thing the tool reports: a rule id (ranges mean areas, e.g. {@code IAM0xxx} for unusable input), a severity,
 * a message that quotes the offending value and says what would be valid, the primary location and related ones.
 */
public record Finding(String ruleId, Severity severity, String message, SourceLocation location,
                      List<RelatedLocation> related) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        related = related == null ? List.of() : List.copyOf(related);
    }

    public Finding(String ruleId, Severity severity, String message, SourceLocation location) {
        this(ruleId, severity, message, location, List.of());
    }

    @Override
    public String toString() {
        return location + ": " + severity.label() + " " + ruleId + ": " + message;
    }
}
