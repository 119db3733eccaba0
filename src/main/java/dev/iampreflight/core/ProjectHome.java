package dev.iampreflight.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Where this build of iam-preflight is published, if whoever built it said so ({@code -Diam-preflight.home=URL} at
 * build time, filtered into {@code version.properties}). Reports, {@code init} and the starter config link to its pages
 * only when it is known; otherwise they name the command that prints the same text ({@code iam-preflight rules ID}),
 * so no output points at a page that does not exist.
 */
public final class ProjectHome {

    private static final Optional<String> HOME = read();

    private ProjectHome() {
    }

    /** The repository URL, e.g. {@code https://github.com/OWNER/REPO}, without a trailing slash. */
    public static Optional<String> url() {
        return HOME;
    }

    /** The page of a rule in docs/rules.md. */
    public static Optional<String> ruleDoc(String ruleId) {
        return HOME.map(h -> h + "/blob/main/docs/rules.md#" + ruleId.toLowerCase(Locale.ROOT));
    }

    /** A GitHub repository's {@code OWNER/REPO}, as a workflow's {@code uses:} names an action. */
    public static Optional<String> githubRepository() {
        return HOME.filter(h -> h.matches("https://github\\.com/[^/]+/[^/]+"))
                .map(h -> h.substring("https://github.com/".length()));
    }

    private static Optional<String> read() {
        String h = BuildInfo.property("home", "").strip();
        // An unfiltered resource (an IDE build) still holds the placeholder.
        if (h.isEmpty() || h.contains("${") || !h.startsWith("https://")) {
            return Optional.empty();
        }
        return Optional.of(h.endsWith("/") ? h.substring(0, h.length() - 1) : h);
    }
}
