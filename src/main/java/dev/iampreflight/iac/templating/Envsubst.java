package dev.iampreflight.iac.templating;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $VAR} and {@code ${VAR}} placeholders in a JSON policy file, as {@code envsubst} fills them at deploy time:
 * the value {@code template-vars} gives, else the unknown {@code {?}} (a string where JSON expects a value). IAM's own
 * policy variables ({@code ${aws:username}}, {@code ${*}}, {@code ${?}}, {@code ${$}}) hold a colon or are not a name,
 * so they are left alone.
 */
public final class Envsubst {

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private Envsubst() {
    }

    /** The text with its placeholders filled, and the names that had no value. */
    public record Result(String text, Set<String> unknown) {
        public Result {
            unknown = java.util.Collections.unmodifiableSet(new TreeSet<>(unknown));
        }
    }

    /** Fills the placeholders of JSON text; empty when it has none (the text is read as it is). */
    public static Optional<Result> fill(String json, Map<String, String> vars) {
        Matcher m = PLACEHOLDER.matcher(json);
        if (!m.find()) {
            return Optional.empty();
        }
        m.reset();
        Set<String> unknown = new TreeSet<>();
        StringBuilder b = new StringBuilder(json.length());
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = vars.get(name);
            if (value == null) {
                unknown.add(name);
                value = JinjaTemplates.SENTINEL;
            } else {
                // A value lands inside a JSON string (where placeholders are written): escape it as one.
                value = value.replace("\\", "\\\\").replace("\"", "\\\"");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return Optional.of(new Result(JinjaTemplates.quoteUnknowns(b.toString(), true), unknown));
    }
}
