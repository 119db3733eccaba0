package dev.iampreflight.config;

import dev.iampreflight.core.Severity;

import java.util.Optional;

/**
 * The {@code lint} setting of {@code .iam-preflight.yml}: whether {@code check} runs the lint rules (IAM2xxx) on the
 * policies and deploy files it reads ({@code true} or {@code false}), and, when a severity is given
 * ({@code lint: warning}), the lowest severity of the lint findings it keeps (after the {@code rules} overrides).
 * {@link #DEFAULT}, for a config without the key, is off for now: turning it on changes the expected findings of about
 * 25 test fixtures (idioms, examples, CLI tests) that were written for check's own findings; see docs/accuracy.md,
 * "Sixth session", lint-b.
 */
public record LintSetting(boolean enabled, Optional<Severity> minimum) {

    public static final LintSetting ON = new LintSetting(true, Optional.empty());
    public static final LintSetting OFF = new LintSetting(false, Optional.empty());
    public static final LintSetting DEFAULT = OFF;

    /** Whether a lint finding whose severity (after overrides) is {@code s} is kept. */
    public boolean keeps(Severity s) {
        return enabled && minimum.map(s::atLeast).orElse(true);
    }
}
