package dev.iampreflight.config;

import dev.iampreflight.core.Severity;

import java.util.Optional;

/**
 * The {@code lint} setting of {@code .iam-preflight.yml}: whether {@code check} runs the lint rules (IAM2xxx) on the
 * policies and deploy files it reads ({@code true}, the default, or {@code false}), and, when a severity is given
 * ({@code lint: warning}), the lowest severity of the lint findings it keeps (after the {@code rules} overrides).
 */
public record LintSetting(boolean enabled, Optional<Severity> minimum) {

    public static final LintSetting DEFAULT = new LintSetting(true, Optional.empty());
    public static final LintSetting OFF = new LintSetting(false, Optional.empty());

    /** Whether a lint finding whose severity (after overrides) is {@code s} is kept. */
    public boolean keeps(Severity s) {
        return enabled && minimum.map(s::atLeast).orElse(true);
    }
}
