package dev.iampreflight.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value known only partly before deployment, the one model for both sides of the join: what a deploy file declares
 * (an environment variable's value, as a {@link Pattern} with where it is written) and what an SDK call argument has
 * as far as the code shows it statically (a literal, a reference to an environment variable resolved per deploy
 * target, a concatenation of parts, a list or dict of values, a value guarded by a condition, or unknown).
 */
public sealed interface SymbolicValue {

    /** The text written for a part that is not known statically; the policy engine reads it as "any value". */
    String UNKNOWN = "{?}";

    record Literal(String value) implements SymbolicValue {
    }

    /**
     * A value from a deploy file that may be only partly known: a literal string, or a pattern in which every segment
     * that cannot be resolved statically (an account id, a generated name, an ImportValue, a Terraform computed
     * attribute) is written {@value #UNKNOWN}; the policy engine reads {@code {?}} in policies as {@code *} and in
     * requests as "unknown". {@code location} is where the deploy file writes it.
     */
    record Pattern(String value, SourceLocation location) implements SymbolicValue {
        public Pattern {
            Objects.requireNonNull(value, "value");
            if (location == null) {
                location = SourceLocation.unknown();
            }
        }

        /** True when no part of the value is unknown. */
        public boolean isLiteral() {
            return !value.contains(UNKNOWN);
        }

        /** True when nothing at all is known. */
        public boolean isUnknown() {
            return UNKNOWN.equals(value);
        }

        /** The value as literals and unknown parts, as the code's values are written. */
        public SymbolicValue parts() {
            return fromPattern(value);
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** {@code os.environ['NAME']}, {@code os.environ.get('NAME', default)}, {@code os.getenv('NAME')}. */
    record EnvVar(String name, Optional<SymbolicValue> fallback) implements SymbolicValue {
    }

    record Unknown(String why) implements SymbolicValue {
    }

    record Concat(List<SymbolicValue> parts) implements SymbolicValue {
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    /** One of several values, e.g. assigned in two branches ({@code 'a' if prod else 'b'}). */
    record OneOf(List<SymbolicValue> options) implements SymbolicValue {
        public OneOf {
            options = List.copyOf(options);
        }
    }

    record ListValue(List<SymbolicValue> items) implements SymbolicValue {
        public ListValue {
            items = List.copyOf(items);
        }
    }

    /** A dict with string keys (unknown keys are left out). */
    record MapValue(Map<String, SymbolicValue> entries) implements SymbolicValue {
        public MapValue {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /**
     * A value the code assigns only on paths where {@code when} holds ({@code if os.environ["STAGE"] == "prod":
     * table = "orders"}). Resolving for a deploy target drops it where the condition is false for that target and
     * keeps it (unguarded) where it is true or cannot be told.
     */
    record Guarded(Condition when, SymbolicValue value) implements SymbolicValue {
    }

    static SymbolicValue literal(String s) {
        return new Literal(s);
    }

    static SymbolicValue unknown(String why) {
        return new Unknown(why);
    }

    /**
     * A value written with {@value #UNKNOWN} for unknown parts (as deploy-target readers give environment values,
     * e.g. {@code {?}-orders} for {@code !Sub ${Stage}-orders}): literals and unknowns.
     */
    static SymbolicValue fromPattern(String pattern) {
        List<SymbolicValue> parts = new ArrayList<>();
        int from = 0;
        for (int i = pattern.indexOf(UNKNOWN); i >= 0; i = pattern.indexOf(UNKNOWN, from)) {
            parts.add(new Literal(pattern.substring(from, i)));
            parts.add(new Unknown("set by the deploy target to a value not known statically"));
            from = i + UNKNOWN.length();
        }
        parts.add(new Literal(pattern.substring(from)));
        return concat(parts);
    }

    /** Concatenation that merges adjacent literals and flattens nested concatenations. */
    static SymbolicValue concat(List<SymbolicValue> parts) {
        List<SymbolicValue> flat = new ArrayList<>();
        for (SymbolicValue p : parts) {
            List<SymbolicValue> sub = p instanceof Concat c ? c.parts() : List.of(p);
            for (SymbolicValue s : sub) {
                if (s instanceof Literal l && !flat.isEmpty() && flat.get(flat.size() - 1) instanceof Literal prev) {
                    flat.set(flat.size() - 1, new Literal(prev.value() + l.value()));
                } else if (!(s instanceof Literal l2 && l2.value().isEmpty())) {
                    flat.add(s);
                }
            }
        }
        if (flat.isEmpty()) {
            return new Literal("");
        }
        return flat.size() == 1 ? flat.get(0) : new Concat(flat);
    }

    /**
     * The value with environment variables replaced from {@code env}; variables not in it fall back to their
     * default or stay references. Guarded values whose condition is false for {@code env} are dropped; when nothing
     * is left the value is unknown (no path of this target assigns it).
     */
    default SymbolicValue resolve(Map<String, String> env) {
        SymbolicValue r = resolveOrNone(env);
        return r != null ? r : unknown("not assigned on the paths this deploy target takes");
    }

    /** {@link #resolve}, with {@code null} for a value no path of {@code env} produces. */
    private SymbolicValue resolveOrNone(Map<String, String> env) {
        if (this instanceof Pattern p) {
            return p.parts();
        }
        if (this instanceof EnvVar e) {
            String v = env.get(e.name());
            if (v != null) {
                return fromPattern(v);
            }
            return e.fallback().map(f -> f.resolve(env)).orElse(this);
        }
        if (this instanceof Guarded g) {
            Optional<Boolean> d = g.when().decide(env);
            return d.isPresent() && !d.get() ? null : g.value().resolveOrNone(env);
        }
        if (this instanceof Concat c) {
            List<SymbolicValue> parts = new ArrayList<>();
            for (SymbolicValue p : c.parts()) {
                SymbolicValue r = p.resolveOrNone(env);
                if (r == null) {
                    return null;
                }
                parts.add(r);
            }
            return concat(parts);
        }
        if (this instanceof ListValue l) {
            return new ListValue(l.items().stream().map(p -> p.resolve(env)).toList());
        }
        if (this instanceof OneOf o) {
            List<SymbolicValue> opts = new ArrayList<>();
            for (SymbolicValue p : o.options()) {
                SymbolicValue r = p.resolveOrNone(env);
                if (r != null) {
                    // A resolved option may itself be several (a guarded OneOf): keep the list flat.
                    for (SymbolicValue a : r.alternatives()) {
                        if (!opts.contains(a)) {
                            opts.add(a);
                        }
                    }
                }
            }
            return opts.isEmpty() ? null : opts.size() == 1 ? opts.get(0) : new OneOf(opts);
        }
        if (this instanceof MapValue m) {
            Map<String, SymbolicValue> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, v.resolve(env)));
            return new MapValue(out);
        }
        return this;
    }

    /** The alternatives this value stands for: the options of a {@link OneOf}, else itself. */
    default List<SymbolicValue> alternatives() {
        if (this instanceof Guarded g) {
            return g.value().alternatives();
        }
        return this instanceof OneOf o ? o.options() : List.of(this);
    }

    /** The literal text, when the whole value is known. */
    default Optional<String> asLiteral() {
        if (this instanceof Pattern p) {
            return p.isLiteral() ? Optional.of(p.value()) : Optional.empty();
        }
        return this instanceof Literal l ? Optional.of(l.value()) : Optional.empty();
    }

    /** The value as a string with every unknown part (unresolved env var, unknown) written {@value #UNKNOWN}. */
    default String render() {
        return render(v -> UNKNOWN);
    }

    /** The value as a string, rendering parts that are not literal with {@code other}. */
    default String render(Function<SymbolicValue, String> other) {
        if (this instanceof Literal l) {
            return l.value();
        }
        if (this instanceof Pattern p) {
            return p.parts().render(other);
        }
        if (this instanceof Guarded g) {
            return g.value().render(other);
        }
        if (this instanceof Concat c) {
            StringBuilder sb = new StringBuilder();
            for (SymbolicValue p : c.parts()) {
                sb.append(p.render(other));
            }
            return sb.toString();
        }
        return other.apply(this);
    }

    /** Source-like text for people: {@code 'orders-' + env[TABLE]}. */
    default String describe() {
        if (this instanceof Literal l) {
            return "'" + l.value() + "'";
        }
        if (this instanceof Pattern p) {
            return p.parts().describe();
        }
        if (this instanceof EnvVar e) {
            return "env[" + e.name() + "]" + e.fallback().map(f -> " or " + f.describe()).orElse("");
        }
        if (this instanceof Unknown) {
            return "?";
        }
        if (this instanceof Concat c) {
            return String.join(" + ", c.parts().stream().map(SymbolicValue::describe).toList());
        }
        if (this instanceof ListValue l) {
            return "[" + String.join(", ", l.items().stream().map(SymbolicValue::describe).toList()) + "]";
        }
        if (this instanceof OneOf o) {
            return String.join(" | ", o.options().stream().map(SymbolicValue::describe).toList());
        }
        if (this instanceof Guarded g) {
            return g.value().describe() + " if " + g.when().describe();
        }
        MapValue m = (MapValue) this;
        List<String> kv = new ArrayList<>();
        m.entries().forEach((k, v) -> kv.add(k + ": " + v.describe()));
        return "{" + String.join(", ", kv) + "}";
    }
}
