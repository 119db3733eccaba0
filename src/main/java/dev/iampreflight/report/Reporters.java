package dev.iampreflight.report;

import java.util.List;
import java.util.Optional;

/** The reporters by {@code --format} name. */
public final class Reporters {

    public static final List<String> NAMES = List.of("text", "json", "sarif", "github", "junit", "markdown");

    private Reporters() {
    }

    public static Optional<Reporter> byName(String name) {
        return Optional.ofNullable(switch (name) {
            case "text" -> new TextReporter();
            case "json" -> new JsonReporter();
            case "sarif" -> new SarifReporter();
            case "github" -> new GithubReporter();
            case "junit" -> new JunitReporter();
            case "markdown" -> new MarkdownReporter();
            default -> null;
        });
    }
}
