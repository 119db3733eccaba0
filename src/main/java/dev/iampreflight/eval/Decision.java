package dev.iampreflight.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's answer: the kind, the allowed resource patterns (for {@link DecisionKind#ALLOWED_FOR_SOME}: IAM-style
 * globs, each allowed for every value it matches), the reasons (first is the main one) and the trace.
 */
public record Decision(DecisionKind kind, List<String> allowedPatterns, List<Reason> reasons, Trace trace) {

    public Decision {
        allowedPatterns = List.copyOf(allowedPatterns);
        reasons = List.copyOf(reasons);
    }

    /** The main reason code. */
    public ReasonCode primaryReason() {
        return reasons.isEmpty() ? ReasonCode.NO_ALLOW_IN_IDENTITY : reasons.get(0).code();
    }

    public List<ReasonCode> reasonCodes() {
        List<ReasonCode> out = new ArrayList<>();
        for (Reason r : reasons) {
            out.add(r.code());
        }
        return out;
    }

    /** The Deny statements that matched the request (empty unless the decision involves an explicit deny). */
    public List<StatementRef> explicitDenies() {
        List<StatementRef> out = new ArrayList<>();
        for (Reason r : reasons) {
            if (r.code() == ReasonCode.DENIED_BY_STATEMENT) {
                out.addAll(r.statements());
            }
        }
        return out;
    }

    public boolean allowed() {
        return kind == DecisionKind.ALLOWED;
    }
}
