package dev.iampreflight.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the tool reports: a rule id (ranges mean areas, e.g. {@code IAM0xxx} for unusable input), a severity,
 * a message that quotes the offending value and says what would be valid, the primary location and related ones.
 *
 * <p>Findings of {@code check} also say which deploy {@code target} they concern, the IAM {@code action} and
 * {@code resource} of the request that was denied, and a suggested {@link Fix}. Lint and input findings leave those
 * empty; the two short constructors build such findings, and {@code with...} methods add the check details.
 */
public record Finding(String ruleId, Severity severity, String message, SourceLocation location,
                      List<RelatedLocation> related, Optional<String> target, Optional<String> action,
                      Optional<String> resource, Optional<Fix> fix) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        // Messages quote input; every reporter prints them, so they never carry a raw control character.
        message = Printable.escape(message);
        related = related == null ? List.of() : List.copyOf(related);
        target = blankToEmpty(target).map(Printable::escape);
        action = blankToEmpty(action).map(Printable::escape);
        resource = blankToEmpty(resource).map(Printable::escape);
        fix = fix == null ? Optional.empty() : fix;
    }

    public Finding(String ruleId, Severity severity, String message, SourceLocation location,
                   List<RelatedLocation> related) {
        this(ruleId, severity, message, location, related, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public Finding(String ruleId, Severity severity, String message, SourceLocation location) {
        this(ruleId, severity, message, location, List.of());
    }

    /** This finding about deploy target {@code name} (e.g. {@code chalice:dev:api_handler}). */
    public Finding withTarget(String name) {
        return new Finding(ruleId, severity, message, location, related, Optional.ofNullable(name), action, resource,
                fix);
    }

    /** This finding about the request for {@code action} on {@code resource} (an ARN pattern, or "*"). */
    public Finding withRequest(String action, String resource) {
        return new Finding(ruleId, severity, message, location, related, target, Optional.ofNullable(action),
                Optional.ofNullable(resource), fix);
    }

    public Finding withFix(Fix f) {
        return new Finding(ruleId, severity, message, location, related, target, action, resource,
                Optional.ofNullable(f));
    }

    /** The same finding at another severity (a user's override in the config file). */
    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, s, message, location, related, target, action, resource, fix);
    }

    private static Optional<String> blankToEmpty(Optional<String> s) {
        return s == null ? Optional.empty() : s.filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return location + ": " + severity.label() + " " + ruleId + ": " + message;
    }
}
