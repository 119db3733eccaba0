package dev.iampreflight.project;

import dev.iampreflight.core.Finding;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** Finds fixture projects under src/test/resources/iac and looks things up in results. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path iac(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/iac/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }

    public static DeployTarget target(List<DeployTarget> targets, String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(name + " not in " + names(targets)));
    }

    public static List<String> names(List<DeployTarget> targets) {
        return targets.stream().map(DeployTarget::name).collect(Collectors.toList());
    }

    public static List<Finding> withRule(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.ruleId().equals(rule)).collect(Collectors.toList());
    }

    /** "file:line RULE" of each finding, for compact assertions. */
    public static List<String> located(List<Finding> findings) {
        return findings.stream().map(f -> f.location().file() + ":" + f.location().line() + " " + f.ruleId())
                .collect(Collectors.toList());
    }
}
