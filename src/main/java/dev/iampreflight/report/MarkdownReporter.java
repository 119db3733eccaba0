package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Fix;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * For pull-request comments and the GitHub job summary: a table of counts per target, then the findings grouped by
 * target, each with its locations and, folded, the fix snippets in code fences.
 */
public final class MarkdownReporter implements Reporter {

    @Override
    public String render(Report report, ReportOptions options) {
        Summary s = report.summary();
        StringBuilder sb = new StringBuilder("## iam-preflight\n\n");
        sb.append(s.errors() > 0 ? ":x: " : s.warnings() > 0 ? ":warning: " : ":white_check_mark: ")
                .append("**").append(s.line()).append("**\n");
        Map<String, List<Finding>> groups = report.byTarget();
        if (groups.isEmpty()) {
            return sb.toString();
        }
        sb.append("\n| Target | Calls | Errors | Warnings | Notes |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, List<Finding>> g : groups.entrySet()) {
            int e = 0;
            int w = 0;
            int n = 0;
            for (Finding f : g.getValue()) {
                switch (f.severity()) {
                    case ERROR -> e++;
                    case WARNING -> w++;
                    case NOTE -> n++;
                }
            }
            sb.append("| ").append(code(g.getKey())).append(" | ").append(report.callsOf(g.getKey())).append(" | ")
                    .append(e).append(" | ").append(w).append(" | ").append(n).append(" |\n");
        }
        for (Map.Entry<String, List<Finding>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) {
                continue;
            }
            sb.append("\n### ").append(code(g.getKey())).append("\n\n");
            for (Finding f : g.getValue()) {
                // A link only where this build says it is published; otherwise the command that prints the rule.
                String rule = dev.iampreflight.core.ProjectHome.ruleDoc(f.ruleId())
                        .map(u -> "[" + f.ruleId() + "](" + u + ")").orElse(f.ruleId());
                sb.append("- **").append(f.severity().label()).append("** ").append(rule).append(' ')
                        .append(escape(f.message())).append("  \n");
                sb.append("  at ").append(code(where(report, f.location()))).append('\n');
                for (RelatedLocation r : f.related()) {
                    sb.append("  - ").append(code(where(report, r.location()))).append(": ").append(escape(r.message()))
                            .append('\n');
                }
                f.fix().ifPresent(fix -> fix(sb, fix));
            }
        }
        return sb.toString();
    }

    private static void fix(StringBuilder sb, Fix fix) {
        sb.append("\n  <details><summary>Fix: ").append(escape(fix.description())).append("</summary>\n\n");
        for (Fix.SnippetFormat sf : Fix.SnippetFormat.values()) {
            fix.snippet(sf).ifPresent(text -> {
                sb.append("  ").append(label(sf)).append(":\n\n");
                sb.append("  ```").append(sf.fence()).append('\n');
                for (String line : text.split("\n", -1)) {
                    sb.append(line.isEmpty() ? "" : "  " + line).append('\n');
                }
                sb.append("  ```\n\n");
            });
        }
        sb.append("  </details>\n\n");
    }

    private static String label(Fix.SnippetFormat sf) {
        return switch (sf) {
            case JSON -> "JSON policy (Chalice)";
            case CLOUDFORMATION_YAML -> "CloudFormation / SAM (YAML)";
            case CLOUDFORMATION_JSON -> "CloudFormation / SAM (JSON)";
            case TERRAFORM -> "Terraform (`aws_iam_policy_document`)";
        };
    }

    private static String where(Report report, SourceLocation l) {
        return new SourceLocation(report.relative(l.file()), l.line(), l.column()).toString();
    }

    /** Inline code; a value holding backticks gets a longer fence, as CommonMark allows. */
    static String code(String s) {
        String fence = s.contains("`") ? "`` " : "`";
        String close = s.contains("`") ? " ``" : "`";
        return fence + s.replace("|", "\\|") + close;
    }

    /** Text with markdown's active characters escaped, so ARNs with '*' and '_' stay literal. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '#' -> sb.append('\\').append(c);
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
