package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * GitHub Actions workflow commands: one {@code ::error file=...,line=...,col=...,title=...::message} annotation per
 * finding (notes become {@code ::notice}), escaped as the runner expects (actions/toolkit {@code command.ts}:
 * {@code %}, CR and LF in the message; additionally {@code :} and {@code ,} in properties). The job summary is a
 * separate step, {@link #writeStepSummary}, because it appends to a file rather than printing.
 */
public final class GithubReporter implements Reporter {

    public static final String STEP_SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY";

    @Override
    public String render(Report report, ReportOptions options) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : report.findings()) {
            sb.append("::").append(command(f.severity())).append(' ');
            StringBuilder props = new StringBuilder();
            if (!f.location().file().isEmpty()) {
                prop(props, "file", report.relative(f.location().file()));
                if (f.location().line() > 0) {
                    prop(props, "line", Integer.toString(f.location().line()));
                    if (f.location().column() > 0) {
                        prop(props, "col", Integer.toString(f.location().column()));
                    }
                }
            }
            prop(props, "title", f.ruleId() + RuleCatalog.byId(f.ruleId()).map(r -> " " + r.ruleName()).orElse("")
                    + f.target().map(t -> " in " + t).orElse(""));
            sb.append(props).append("::").append(escapeData(message(report, f))).append('\n');
        }
        sb.append(escapeData("iam-preflight: " + report.summary().line())).append('\n');
        return sb.toString();
    }

    private static String message(Report report, Finding f) {
        StringBuilder m = new StringBuilder(f.message());
        f.related().forEach(r -> m.append('\n').append(report.relative(r.location().file()))
                .append(r.location().line() > 0 ? ":" + r.location().line() : "").append(": ").append(r.message()));
        f.fix().ifPresent(fix -> m.append("\nFix: ").append(fix.description()).append('\n')
                .append(fix.statementJson()));
        return m.toString();
    }

    private static void prop(StringBuilder props, String key, String value) {
        props.append(props.length() == 0 ? "" : ",").append(key).append('=').append(escapeProperty(value));
    }

    private static String command(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "notice";
        };
    }

    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    /**
     * Appends the markdown report to the file named by {@code GITHUB_STEP_SUMMARY} in {@code options.environment()},
     * if set (GitHub's "Adding a job summary": the runner creates the file and shows what steps append to it).
     * Returns the file written, or empty when the variable is not set.
     */
    public static Optional<Path> writeStepSummary(Report report, ReportOptions options) throws IOException {
        String name = options.environment().get(STEP_SUMMARY_VARIABLE);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(name);
        Files.writeString(file, new MarkdownReporter().render(report, options) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return Optional.of(file);
    }
}
