package dev.iampreflight.report;

import java.util.Map;

/**
 * How to render: colour (text only; the CLI turns it on for a terminal), the tool version written into SARIF and
 * JUnit, and the process environment (the github reporter reads {@code GITHUB_STEP_SUMMARY} from it; tests pass their
 * own map).
 */
public record ReportOptions(boolean color, String toolVersion, Map<String, String> environment) {

    public ReportOptions {
        environment = Map.copyOf(environment);
    }

    public static ReportOptions plain(String toolVersion) {
        return new ReportOptions(false, toolVersion, Map.of());
    }
}
