package dev.iampreflight.code;

import dev.iampreflight.core.Finding;

import java.util.List;

/** What a scan found: the SDK calls (sorted by location), located warnings (unparsable files) and how many files. */
public record ScanResult(List<SdkCall> calls, List<Finding> findings, int filesScanned) {
    public ScanResult {
        calls = List.copyOf(calls);
        findings = List.copyOf(findings);
    }
}
