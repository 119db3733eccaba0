package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure): one {@code testsuite} per deploy target,
 * one {@code testcase} per finding (errors are {@code failure}s; warnings and notes pass with the finding in
 * {@code system-out}) and one passing case for the target's calls without findings.
 */
public final class JunitReporter implements Reporter {

    @Override
    public String render(Report report, ReportOptions options) {
        Map<String, List<Finding>> groups = report.byTarget();
        int tests = 0;
        int failures = 0;
        StringBuilder suites = new StringBuilder();
        for (Map.Entry<String, List<Finding>> g : groups.entrySet()) {
            String target = g.getKey();
            List<Finding> findings = g.getValue();
            int calls = report.callsOf(target);
            int suiteFailures = (int) findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
            boolean passCase = report.targets().stream().anyMatch(t -> t.name().equals(target));
            int suiteTests = findings.size() + (passCase ? 1 : 0);
            tests += suiteTests;
            failures += suiteFailures;
            suites.append("  <testsuite name=\"").append(xml(target)).append("\" tests=\"").append(suiteTests)
                    .append("\" failures=\"").append(suiteFailures).append("\" errors=\"0\" skipped=\"0\">\n");
            for (Finding f : findings) {
                String file = report.relative(f.location().file());
                String name = f.ruleId() + " " + f.action().map(a -> a + f.resource().map(r -> " on " + r).orElse(""))
                        .orElse(f.message()) + (file.isEmpty() ? "" : " (" + new SourceLocation(file, f.location().line(), f.location().column()) + ")");
                suites.append("    <testcase classname=\"").append(xml(target)).append("\" name=\"")
                        .append(xml(name)).append('"');
                if (!file.isEmpty()) {
                    suites.append(" file=\"").append(xml(file)).append('"');
                    if (f.location().line() > 0) {
                        suites.append(" line=\"").append(f.location().line()).append('"');
                    }
                }
                suites.append(">\n");
                String body = f.severity().label() + " " + f.ruleId() + ": " + f.message()
                        + f.fix().map(fix -> "\nfix: " + fix.description() + "\n" + fix.statementJson()).orElse("");
                if (f.severity() == Severity.ERROR) {
                    suites.append("      <failure type=\"").append(xml(f.ruleId())).append("\" message=\"")
                            .append(xml(f.message())).append("\">").append(xml(body)).append("</failure>\n");
                } else {
                    suites.append("      <system-out>").append(xml(body)).append("</system-out>\n");
                }
                suites.append("    </testcase>\n");
            }
            if (passCase) {
                suites.append("    <testcase classname=\"").append(xml(target)).append("\" name=\"")
                        .append(xml("other calls allowed (" + Summary.plural(calls, "call") + " checked)"))
                        .append("\"/>\n");
            }
            suites.append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"iam-preflight " + xml(options.toolVersion()) + "\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\">\n" + suites + "</testsuites>\n"
                // The summary every format carries; a comment, since JUnit's schema has no place for it.
                + "<!-- " + report.summary().line() + " -->\n";
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot hold at all are replaced with U+FFFD. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\n', '\t' -> sb.append(c);
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
