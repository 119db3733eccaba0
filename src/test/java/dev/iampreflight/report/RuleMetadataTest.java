package dev.iampreflight.report;

import dev.iampreflight.core.ReservedRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules' metadata is well formed and every rule is documented in docs/rules.md (error-prone's validator test). */
class RuleMetadataTest {

    static final Path DOCS = Path.of("docs/rules.md");

    @Test
    void idsAndNamesAreUnique() {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Rule r : Rule.values()) {
            assertTrue(ids.add(r.id()), "duplicate id " + r.id());
            assertTrue(names.add(r.ruleName()), "duplicate name " + r.ruleName());
        }
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void metadataIsWellFormed(Rule r) {
        assertTrue(r.id().matches("IAM\\d{4}"), r.id());
        assertTrue(r.ruleName().matches("[a-z]+(-[a-z]+)*"), r.ruleName());
        assertFalse(r.summary().endsWith("."), "summary ends with a period: " + r.summary());
        assertTrue(Character.isUpperCase(r.summary().charAt(0)), r.summary());
        assertTrue(r.description().endsWith("."), r.description());
        assertTrue(r.description().length() > r.summary().length());
        assertEquals(r, Rule.byId(r.id().toLowerCase(Locale.ROOT)).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void everyRuleIsDocumentedUnderItsIdHeading(Rule r) throws Exception {
        String docs = Files.readString(DOCS);
        int at = docs.indexOf("\n## " + r.id() + "\n");
        assertTrue(at >= 0, "docs/rules.md has no '## " + r.id() + "' heading");
        int next = docs.indexOf("\n## ", at + 1);
        String section = docs.substring(at, next < 0 ? docs.length() : next);
        assertTrue(section.contains(r.ruleName()), "section of " + r.id() + " names " + r.ruleName());
        assertTrue(section.contains(r.summary()), "section of " + r.id() + " holds the summary");
        assertTrue(section.contains(r.severity().label()), "section of " + r.id() + " gives the severity");
    }

    @Test
    void everyInfrastructureRuleIdIsRegistered() throws Exception {
        for (java.lang.reflect.Field f : dev.iampreflight.project.InfraRules.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String id = (String) f.get(null);
                assertTrue(Rule.byId(id).isPresent(), f.getName() + " = " + id + " is not in Rule");
                assertEquals(f.getName(), Rule.byId(id).get().name(), "constant names agree");
            }
        }
    }

    @Test
    void reservedIdsAreAllRules() {
        for (String id : new String[]{ReservedRules.UNPARSABLE, ReservedRules.BAD_SHAPE, ReservedRules.DUPLICATE_KEY,
                ReservedRules.UNREADABLE}) {
            assertTrue(Rule.byId(id).isPresent(), id);
        }
    }
}
