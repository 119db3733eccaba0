package dev.iampreflight.code;

import dev.iampreflight.core.Condition;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.SymbolicValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One AWS SDK call found in code. {@code service} is the boto3 service name ({@code s3}, {@code sesv2});
 * {@code operation} the boto3 method name of the client operation that reaches AWS ({@code put_item}; for paginators
 * and waiters the operation they call; for s3transfer helpers the helper, e.g. {@code upload_file}). {@code arguments}
 * are the call's keyword arguments as the client operation names them ({@code TableName}), including identifiers a
 * resource object fills in. {@code via} says how the call was reached ({@code client}, {@code paginator},
 * {@code waiter}, {@code resource Table}, {@code wrapper NAME}); {@code enclosingFunction} is the dotted name of the
 * function the call is written in ({@code Orders.save}) or {@code <module>}. {@code credentials} says whose
 * credentials sign the call: only {@link Credentials#DEFAULT} runs as the deploy target's own role. {@code guard}
 * is the branch condition the call is written under when only a deploy target can decide it
 * ({@code if os.environ["STAGE"] == "prod": table.delete_item(...)}): a target runs the call unless the condition is
 * false in its environment ({@link #runsFor}); empty when the call runs on every path the scanner follows.
 * {@code instances}, for a call written in a method, is where the method's class is made: it runs only for a target
 * that makes an instance, so a class chosen by a branch on the environment decides the call per target.
 */
public record SdkCall(String service, String operation, Map<String, SymbolicValue> arguments, Confidence confidence,
                      SourceLocation location, String enclosingFunction, String via, Credentials credentials,
                      Optional<Condition> guard, Optional<Instances> instances) {

    /**
     * Every place the project names the class a call's method belongs to: each {@code C(...)} with the branch
     * condition it is written under, and each other mention (a subclass, an alias, an argument), which counts as an
     * instance made on every path. Files and functions as the scan names them (like {@link #location()} before a
     * target rebases it).
     */
    public record Instances(String className, List<Site> sites) {
        public Instances {
            sites = List.copyOf(sites);
        }
    }

    /** One mention of the class: {@code guard} empty when it is on every path (or not a construction). */
    public record Site(String file, String enclosingFunction, Optional<Condition> guard) {
    }

    /** A call with a guard, its class's instances not followed. */
    public SdkCall(String service, String operation, Map<String, SymbolicValue> arguments, Confidence confidence,
                   SourceLocation location, String enclosingFunction, String via, Credentials credentials,
                   Optional<Condition> guard) {
        this(service, operation, arguments, confidence, location, enclosingFunction, via, credentials, guard,
                Optional.empty());
    }

    /** A call signed with the default credential chain (the target's own role), on every path. */
    public SdkCall(String service, String operation, Map<String, SymbolicValue> arguments, Confidence confidence,
                   SourceLocation location, String enclosingFunction, String via) {
        this(service, operation, arguments, confidence, location, enclosingFunction, via, Credentials.DEFAULT);
    }

    /** A call on every path. */
    public SdkCall(String service, String operation, Map<String, SymbolicValue> arguments, Confidence confidence,
                   SourceLocation location, String enclosingFunction, String via, Credentials credentials) {
        this(service, operation, arguments, confidence, location, enclosingFunction, via, credentials,
                Optional.empty());
    }

    public SdkCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(location, "location");
        credentials = credentials == null ? Credentials.DEFAULT : credentials;
        guard = guard == null ? Optional.empty() : guard;
        instances = instances == null ? Optional.empty() : instances;
    }

    /** The same call under {@code when} (the condition it runs under, all things considered). */
    public SdkCall withGuard(Optional<Condition> when) {
        return new SdkCall(service, operation, arguments, confidence, location, enclosingFunction, via, credentials,
                when, instances);
    }

    /** The same call with other arguments (its location, receiver, credentials and guard kept). */
    public SdkCall withArguments(Map<String, SymbolicValue> args) {
        return new SdkCall(service, operation, args, confidence, location, enclosingFunction, via, credentials, guard,
                instances);
    }

    /** The same call written at {@code at}, its credentials' locations moved by {@code move}. */
    public SdkCall relocated(SourceLocation at, java.util.function.UnaryOperator<SourceLocation> move) {
        return new SdkCall(service, operation, arguments, confidence, at, enclosingFunction, via,
                credentials.relocated(move), guard, instances);
    }

    /**
     * Whether a deploy target whose environment is {@code env} may run the call: false only when its guard is
     * false there; a guard that cannot be decided keeps the call.
     */
    public boolean runsFor(Map<String, String> env) {
        return guard.isEmpty() || guard.get().decide(env).orElse(true);
    }

    /**
     * Why a LOW-confidence call may not happen as written, as a sentence: a library call that only some of the
     * library's versions make names them, one the library makes only in some runs names when (docs/libraries.md);
     * any other was matched by its method name only.
     */
    public String whyUncertain() {
        if (via != null && via.startsWith("library ")) {
            String v = via.replaceFirst("^library (.+?) \\(only (.+)\\)$", "This call is made by $1 only in $2.");
            if (!v.equals(via)) {
                return v;
            }
            v = via.replaceFirst("^library (.+?) \\(when (.+)\\)$", "$1 makes this call only when $2.");
            if (!v.equals(via)) {
                return v;
            }
        }
        return "The call was matched by its method name only (the receiver's type was not inferred), so it may not "
                + "be an AWS call at all";
    }

    public Optional<SymbolicValue> argument(String name) {
        return Optional.ofNullable(arguments.get(name));
    }

    /** The call with environment variable references resolved from {@code env}. */
    public SdkCall resolve(Map<String, String> env) {
        Map<String, SymbolicValue> out = new LinkedHashMap<>();
        arguments.forEach((k, v) -> out.put(k, v.resolve(env)));
        return new SdkCall(service, operation, out, confidence, location, enclosingFunction, via,
                credentials.resolve(env), guard, instances);
    }
}
