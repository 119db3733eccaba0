package dev.iampreflight.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A branch condition the code tests on a value that may be known only for a deploy target, such as
 * {@code os.environ["STAGE"] == "prod"}. The scanner runs once for all targets, so it keeps the condition on the
 * values assigned under it ({@link SymbolicValue.Guarded}); each target decides it from its own environment when its
 * requirements are built. A condition that cannot be decided keeps both sides.
 */
public sealed interface Condition {

    /** {@code left == one of right} ({@code in} a literal list), or its negation ({@code !=}, {@code not in}). */
    record Equals(SymbolicValue left, List<SymbolicValue> right, boolean negated) implements Condition {
        public Equals {
            right = List.copyOf(right);
        }
    }

    /** A string used as a condition: true when not empty (Python's truth value of a {@code str}). */
    record Truthy(SymbolicValue value) implements Condition {
    }

    /**
     * {@code 'NAME' in os.environ} ({@code os.environ.get('NAME') is not None}): the variable is set, whatever its
     * value. Decided true where the target sets it, false only where its whole environment is known
     * ({@link RuntimeEnvironment}) and does not hold it.
     */
    record Defined(String name) implements Condition {
    }

    record Not(Condition c) implements Condition {
    }

    record All(List<Condition> all) implements Condition {
        public All {
            all = List.copyOf(all);
        }
    }

    record Any(List<Condition> any) implements Condition {
        public Any {
            any = List.copyOf(any);
        }
    }

    /** True or false when every value the condition reads is known in {@code env}; empty otherwise. */
    default Optional<Boolean> decide(Map<String, String> env) {
        if (this instanceof Equals e) {
            // A variable known to be absent reads as None (os.environ.get) or raises (os.environ[...]): either way
            // it equals no string, so the branch that needs equality is not taken.
            boolean leftAbsent = absent(e.left(), env);
            Optional<String> l = e.left().resolve(env).asLiteral();
            if (l.isEmpty() && !leftAbsent) {
                return Optional.empty();
            }
            boolean found = false;
            for (SymbolicValue r : e.right()) {
                if (absent(r, env)) {
                    found |= leftAbsent;
                    continue;
                }
                Optional<String> rl = r.resolve(env).asLiteral();
                if (rl.isEmpty()) {
                    return Optional.empty();
                }
                found |= !leftAbsent && rl.get().equals(l.get());
            }
            return Optional.of(found != e.negated());
        }
        if (this instanceof Truthy t) {
            if (absent(t.value(), env)) {
                return Optional.of(false);
            }
            return t.value().resolve(env).asLiteral().map(s -> !s.isEmpty());
        }
        if (this instanceof Defined d) {
            if (env.containsKey(d.name())) {
                return Optional.of(true);
            }
            return RuntimeEnvironment.absent(env, d.name()) ? Optional.of(false) : Optional.empty();
        }
        if (this instanceof Not n) {
            return n.c().decide(env).map(b -> !b);
        }
        List<Condition> parts = this instanceof All a ? a.all() : ((Any) this).any();
        boolean and = this instanceof All;
        boolean undecided = false;
        for (Condition c : parts) {
            Optional<Boolean> d = c.decide(env);
            if (d.isEmpty()) {
                undecided = true;
            } else if (d.get() != and) {
                // One false conjunct (true disjunct) decides, whatever the others are.
                return Optional.of(!and);
            }
        }
        return undecided ? Optional.empty() : Optional.of(and);
    }

    /** An environment variable read without a default that {@code env} knows to be absent. */
    private static boolean absent(SymbolicValue v, Map<String, String> env) {
        return v instanceof SymbolicValue.EnvVar e && e.fallback().isEmpty()
                && RuntimeEnvironment.absent(env, e.name());
    }

    /** Whether the condition reads no environment variable and nothing unknown: then the scanner decides it itself. */
    default boolean isStatic() {
        if (this instanceof Equals e) {
            if (!literal(e.left())) {
                return false;
            }
            for (SymbolicValue r : e.right()) {
                if (!literal(r)) {
                    return false;
                }
            }
            return true;
        }
        if (this instanceof Truthy t) {
            return literal(t.value());
        }
        if (this instanceof Defined) {
            return false;
        }
        if (this instanceof Not n) {
            return n.c().isStatic();
        }
        for (Condition c : this instanceof All a ? a.all() : ((Any) this).any()) {
            if (!c.isStatic()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether some deploy target's environment may decide the condition: it reads an environment variable. A
     * condition on run-time data only ({@code if event["ip"]:}) says nothing about which targets run the code.
     */
    default boolean readsEnvironment() {
        if (this instanceof Equals e) {
            return env(e.left()) || e.right().stream().anyMatch(Condition::env);
        }
        if (this instanceof Truthy t) {
            return env(t.value());
        }
        if (this instanceof Defined) {
            return true;
        }
        if (this instanceof Not n) {
            return n.c().readsEnvironment();
        }
        return (this instanceof All a ? a.all() : ((Any) this).any()).stream().anyMatch(Condition::readsEnvironment);
    }

    private static boolean env(SymbolicValue v) {
        if (v instanceof SymbolicValue.EnvVar) {
            return true;
        }
        if (v instanceof SymbolicValue.Concat c) {
            return c.parts().stream().anyMatch(Condition::env);
        }
        if (v instanceof SymbolicValue.OneOf o) {
            return o.options().stream().anyMatch(Condition::env);
        }
        return v instanceof SymbolicValue.Guarded g && env(g.value());
    }

    private static boolean literal(SymbolicValue v) {
        return v instanceof SymbolicValue.Literal;
    }

    /** Source-like text for people: {@code env[STAGE] == 'prod'}. */
    default String describe() {
        if (this instanceof Equals e) {
            List<String> rs = new ArrayList<>();
            e.right().forEach(r -> rs.add(r.describe()));
            return e.left().describe() + (rs.size() == 1 ? (e.negated() ? " != " : " == ") + rs.get(0)
                    : (e.negated() ? " not in " : " in ") + "[" + String.join(", ", rs) + "]");
        }
        if (this instanceof Truthy t) {
            return t.value().describe();
        }
        if (this instanceof Defined d) {
            return "'" + d.name() + "' in env";
        }
        if (this instanceof Not n) {
            return "not (" + n.c().describe() + ")";
        }
        List<String> ps = new ArrayList<>();
        for (Condition c : this instanceof All a ? a.all() : ((Any) this).any()) {
            ps.add("(" + c.describe() + ")");
        }
        return String.join(this instanceof All ? " and " : " or ", ps);
    }
}
