package dev.iampreflight.core;

/** A second place that explains a finding, e.g. the policy statement that should grant a missing permission. */
public record RelatedLocation(SourceLocation location, String message) {
    public RelatedLocation {
        message = Printable.escape(message);
    }
}
