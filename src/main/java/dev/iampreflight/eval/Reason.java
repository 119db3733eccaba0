package dev.iampreflight.eval;

import java.util.List;

/** One reason for a decision: a code for programs, a sentence for people, and the statements involved. */
public record Reason(ReasonCode code, String message, List<StatementRef> statements) {
    public Reason {
        statements = List.copyOf(statements);
    }

    public Reason(ReasonCode code, String message) {
        this(code, message, List.of());
    }
}
