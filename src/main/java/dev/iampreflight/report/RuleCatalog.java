package dev.iampreflight.report;

import dev.iampreflight.core.ProjectHome;

import dev.iampreflight.core.Severity;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintRules;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every rule id the tool reports with its documentation: the rules of {@code check} and the reserved ids
 * ({@link Rule}) and the lint rules ({@link LintRules}), one list for the reporters and {@code iam-preflight rules}.
 */
public final class RuleCatalog {

    /** One rule's documentation; {@code description} is the long help text. */
    public record Entry(String id, String ruleName, Severity severity, String summary, String description) {
        /** The rule's page where this build is published, if it says where ({@link ProjectHome}). */
        public Optional<String> helpUri() {
            return ProjectHome.ruleDoc(id);
        }
    }

    private static final List<Entry> ALL = build();

    private RuleCatalog() {
    }

    private static List<Entry> build() {
        List<Entry> out = new ArrayList<>();
        for (Rule r : Rule.values()) {
            out.add(new Entry(r.id(), r.ruleName(), r.severity(), r.summary(), r.description()));
        }
        for (LintRule l : LintRules.all()) {
            RuleInfo i = l.info();
            out.add(new Entry(i.id(), i.name(), i.severity(), i.summary(), i.help()));
        }
        return List.copyOf(out);
    }

    public static List<Entry> all() {
        return ALL;
    }

    public static Optional<Entry> byId(String id) {
        String wanted = id.trim();
        return ALL.stream().filter(e -> e.id().equalsIgnoreCase(wanted)).findFirst();
    }
}
