package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GateTest {

    @ParameterizedTest(name = "findings [{0}] --fail-on {1} -> exit {2}")
    @CsvSource({
            "'',                   error,   0",
            "'',                   never,   0",
            "NOTE,                 error,   0",
            "NOTE,                 warning, 0",
            "NOTE,                 note,    1",
            "WARNING,              error,   0",
            "WARNING,              warning, 1",
            "WARNING,              note,    1",
            "ERROR,                error,   1",
            "ERROR,                warning, 1",
            "ERROR,                never,   0",
            "NOTE WARNING,         warning, 1",
            "NOTE NOTE,            warning, 0",
    })
    void exitCodeIsOneWhenAnyFindingIsAtOrAboveTheThreshold(String severities, FailOn failOn, int expected) {
        List<Finding> findings = new ArrayList<>();
        for (String s : severities.trim().split(" +")) {
            if (!s.isEmpty()) {
                findings.add(new Finding("IAM1001", Severity.valueOf(s), "m", SourceLocation.unknown()));
            }
        }
        assertEquals(expected, Gate.exitCode(findings, failOn));
    }
}
