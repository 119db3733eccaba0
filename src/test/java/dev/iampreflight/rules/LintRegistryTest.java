package dev.iampreflight.rules;

import dev.iampreflight.report.Rule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry, the fixtures and docs/rules.md stay in step (error-prone's validator test). */
class LintRegistryTest {

    @Test
    void metadataIsWellFormedAndUnique() {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Rule r : Rule.values()) {
            names.add(r.ruleName());
        }
        for (LintRule rule : LintRules.all()) {
            RuleInfo i = rule.info();
            assertTrue(i.id().matches("IAM2\\d{3}"), i.id());
            assertEquals(i.category().hundreds(), Integer.parseInt(i.id().substring(3, 5)), i.id() + " category");
            assertTrue(ids.add(i.id()), "duplicate id " + i.id());
            assertTrue(names.add(i.name()), "duplicate name " + i.name());
            assertTrue(Rule.byId(i.id()).isEmpty(), i.id() + " clashes with a check rule");
            assertTrue(i.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), i.name());
            assertFalse(i.summary().endsWith("."), i.summary());
            assertTrue(Character.isUpperCase(i.summary().charAt(0)), i.summary());
            assertTrue(i.help().contains("https://"), i.id() + ": help cites no source");
            assertEquals(rule, LintRules.byId(i.id().toLowerCase()).orElseThrow());
        }
    }

    @Test
    void registryOrderIsIdOrder() {
        List<String> ids = LintRules.all().stream().map(LintRule::id).toList();
        assertEquals(ids.stream().sorted().toList(), ids);
    }

    @Test
    void everyRuleHasFixturesAndEveryFixtureARule() throws IOException {
        Set<String> registered = new HashSet<>();
        for (LintRule r : LintRules.all()) {
            registered.add(r.id());
            Path dir = LintRuleFixturesTest.FIXTURES.resolve(r.id());
            assertTrue(Files.isDirectory(dir.resolve("bad")), r.id() + " has no bad/ fixtures");
            assertTrue(Files.isDirectory(dir.resolve("good")), r.id() + " has no good/ fixtures");
        }
        try (Stream<Path> dirs = Files.list(LintRuleFixturesTest.FIXTURES)) {
            for (Path d : dirs.toList()) {
                assertTrue(registered.contains(d.getFileName().toString()), d + " is no registered rule");
            }
        }
    }

    @Test
    void everyRuleIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/rules.md"));
        for (LintRule r : LintRules.all()) {
            RuleInfo i = r.info();
            int at = docs.indexOf("\n## " + i.id() + "\n");
            assertTrue(at >= 0, "docs/rules.md has no '## " + i.id() + "' heading");
            int next = docs.indexOf("\n## ", at + 1);
            String section = docs.substring(at, next < 0 ? docs.length() : next);
            assertTrue(section.contains("**" + i.name() + "** (" + i.severity().label() + ", " + i.category().label()
                    + "): " + i.summary()), i.id() + " section header line");
        }
    }
}
