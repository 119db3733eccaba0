package dev.iampreflight.code;

import dev.iampreflight.core.Finding;

import java.util.List;
import java.util.Map;

/**
 * What a scan found: the SDK calls (sorted by location), located warnings (unparsable files), how many files, and
 * each file's {@link ModuleFacts} (by path relative to the scanned root) for {@link Reachability}.
 */
public record ScanResult(List<SdkCall> calls, List<Finding> findings, int filesScanned,
                         Map<String, ModuleFacts> facts) {
    public ScanResult {
        calls = List.copyOf(calls);
        findings = List.copyOf(findings);
        facts = Map.copyOf(facts);
    }

    /** A result without module facts (nothing scanned, or a single file's calls). */
    public ScanResult(List<SdkCall> calls, List<Finding> findings, int filesScanned) {
        this(calls, findings, filesScanned, Map.of());
    }
}
