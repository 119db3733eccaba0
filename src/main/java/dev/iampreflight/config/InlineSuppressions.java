package dev.iampreflight.config;

import dev.iampreflight.core.SourceLocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions: a comment {@code # iam-preflight: ignore[IAM1001] reason} (or {@code //} in HCL, several ids
 * separated by commas) on the line of a finding, or alone on the line above it. Only in files that have comments: Python,
 * YAML and Terraform/HCL; JSON policies are ignored from the config file instead. Pure: file text in, comments out.
 */
public final class InlineSuppressions {

    /**
     * One suppression comment; {@code reason} is empty when the author gave none (then it suppresses nothing).
     * {@code ownLine} is true when nothing but the comment is on its line; only such a comment covers the next line,
     * so a trailing comment never suppresses a finding on the line below it.
     */
    public record Comment(List<String> rules, String reason, SourceLocation location, boolean ownLine) {
        public Comment {
            rules = List.copyOf(rules);
        }

        public boolean covers(String ruleId) {
            for (String r : rules) {
                if (r.equalsIgnoreCase(ruleId)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Text that every suppression comment contains ({@link #COMMENT} matches only lines that have it). */
    private static final String MARKER = "iam-preflight:";
    private static final Pattern COMMENT = Pattern.compile(
            "(?:#|//)\\s*iam-preflight:\\s*ignore\\[([^\\]]*)]\\s*(.*?)\\s*$");

    private InlineSuppressions() {
    }

    /** Whether suppression comments are read in {@code file} (by its name's ending). */
    public static boolean supports(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".py") || f.endsWith(".pyi") || f.endsWith(".yaml") || f.endsWith(".yml")
                || f.endsWith(".tf") || f.endsWith(".hcl") || f.endsWith(".tfvars") || f.endsWith(".template");
    }

    /** Every suppression comment in {@code text}, indexed by its 1-based line. */
    public static List<Comment> parse(String file, String text) {
        List<Comment> out = new ArrayList<>();
        if (!text.contains(MARKER)) {
            // Most files have no such comment: one substring search instead of the pattern tried at every position.
            return out;
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains(MARKER)) {
                continue;
            }
            Matcher m = COMMENT.matcher(lines[i]);
            if (m.find()) {
                List<String> rules = new ArrayList<>();
                for (String r : m.group(1).split(",")) {
                    if (!r.isBlank()) {
                        rules.add(r.trim().toUpperCase(Locale.ROOT));
                    }
                }
                boolean ownLine = lines[i].substring(0, m.start()).isBlank();
                out.add(new Comment(rules, m.group(2), new SourceLocation(file, i + 1, m.start() + 1), ownLine));
            }
        }
        return out;
    }

    /** The comment on {@code line} or the line above that names {@code ruleId}, if any. */
    public static Optional<Comment> at(List<Comment> comments, int line, String ruleId) {
        for (Comment c : comments) {
            int l = c.location().line();
            if ((l == line || (l == line - 1 && c.ownLine())) && c.covers(ruleId)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
