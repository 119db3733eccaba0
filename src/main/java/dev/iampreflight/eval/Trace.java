package dev.iampreflight.eval;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The explanation of a decision: every policy and statement with the element checks. Built on first use, so the fast
 * path that thousands of requests take pays nothing for it; once built it never changes.
 */
public final class Trace {

    private final Supplier<List<PolicyTrace>> builder;
    private volatile List<PolicyTrace> policies;

    public Trace(Supplier<List<PolicyTrace>> builder) {
        this.builder = Objects.requireNonNull(builder);
    }

    public static Trace of(List<PolicyTrace> policies) {
        List<PolicyTrace> copy = List.copyOf(policies);
        return new Trace(() -> copy);
    }

    public List<PolicyTrace> policies() {
        List<PolicyTrace> p = policies;
        if (p == null) {
            synchronized (this) {
                p = policies;
                if (p == null) {
                    p = List.copyOf(builder.get());
                    policies = p;
                }
            }
        }
        return p;
    }
}
