package dev.iampreflight.eval;

import java.util.List;

/** The statements of one policy and how each fared. */
public record PolicyTrace(String policyName, PolicyRole role, int level, List<StatementTrace> statements) {
    public PolicyTrace {
        statements = List.copyOf(statements);
    }
}
