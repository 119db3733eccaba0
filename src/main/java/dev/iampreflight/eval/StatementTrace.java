package dev.iampreflight.eval;

import dev.iampreflight.policy.Effect;

import java.util.List;

/**
 * How one statement fared: whether it applied to the request ({@code matched}; for an unknown resource part,
 * {@code matchedSome} says it applied to some values only) and the element checks that decided it.
 */
public record StatementTrace(StatementRef statement, Effect effect, boolean matched, boolean matchedSome,
                             List<ElementCheck> checks) {
    public StatementTrace {
        checks = List.copyOf(checks);
    }
}
