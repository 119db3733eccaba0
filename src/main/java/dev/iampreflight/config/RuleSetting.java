package dev.iampreflight.config;

import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;

import java.util.Optional;

/** A user's setting for one rule: switched off, or reported at another severity. */
public record RuleSetting(String ruleId, boolean enabled, Optional<Severity> severity, SourceLocation location) {
}
