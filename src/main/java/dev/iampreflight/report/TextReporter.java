package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * For people at a terminal: findings grouped by deploy target, each as {@code file:line:col: severity ID: message}
 * (the form editors and terminals make clickable), related locations and the fix indented under it, and a summary
 * line. Colour only when {@link ReportOptions#color()} says so.
 */
public final class TextReporter implements Reporter {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String DIM = "\u001b[2m";
    private static final String GREEN = "\u001b[32m";

    @Override
    public String render(Report report, ReportOptions options) {
        boolean color = options.color();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Finding>> group : report.byTarget().entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            sb.append(style(color, BOLD, group.getKey())).append('\n');
            for (Finding f : group.getValue()) {
                sb.append("  ").append(where(report, f.location())).append(": ")
                        .append(style(color, severityColor(f.severity()), f.severity().label())).append(' ')
                        .append(f.ruleId()).append(": ").append(f.message()).append('\n');
                for (RelatedLocation r : f.related()) {
                    sb.append("    ").append(style(color, DIM, where(report, r.location()) + ": " + r.message()))
                            .append('\n');
                }
                f.fix().ifPresent(fix -> {
                    sb.append("    fix: ").append(fix.description()).append('\n');
                    sb.append("      ").append(fix.statementJson()).append('\n');
                });
            }
        }
        Summary s = report.summary();
        String line = s.line();
        String styled = s.errors() > 0 ? style(color, RED + BOLD, line)
                : s.warnings() > 0 ? style(color, YELLOW, line) : style(color, GREEN, line);
        if (sb.length() > 0) {
            sb.append('\n');
        }
        return sb.append(styled).append('\n').toString();
    }

    private static String where(Report report, SourceLocation l) {
        return new SourceLocation(report.relative(l.file()), l.line(), l.column()).toString();
    }

    private static String severityColor(Severity s) {
        return switch (s) {
            case ERROR -> RED + BOLD;
            case WARNING -> YELLOW;
            case NOTE -> CYAN;
        };
    }

    private static String style(boolean color, String ansi, String text) {
        return color ? ansi + text + RESET : text;
    }
}
