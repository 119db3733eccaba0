package dev.iampreflight.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to evaluate: an action on a resource by a principal, with its request context.
 *
 * <p>{@code resource} may contain unknown parts written {@code {?}} (any non-empty string, possibly containing
 * {@code /}); the engine then answers for every value at once (see docs/engine.md). {@code principal} is an ARN
 * ({@code arn:aws:iam::111122223333:role/r}, {@code ...:user/u}, {@code arn:aws:sts::111122223333:assumed-role/r/s},
 * {@code ...:root}), a service principal ({@code s3.amazonaws.com}), or empty for an anonymous request.
 * {@code context} maps condition keys (case-insensitive) to their values; a multi-valued key has several.
 */
public record Request(String action, String resource, Optional<String> principal, Optional<String> resourceAccount,
                      Map<String, List<String>> context) {

    public Request {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        principal = principal == null ? Optional.empty() : principal;
        resourceAccount = resourceAccount == null ? Optional.empty() : resourceAccount;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (context != null) {
            context.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        context = java.util.Collections.unmodifiableMap(copy);
    }

    /** A request by {@code principal} (null for anonymous) with no context. */
    public static Request of(String action, String resource, String principal) {
        return new Request(action, resource, Optional.ofNullable(principal), Optional.empty(), Map.of());
    }

    public Request withContext(String key, String... values) {
        Map<String, List<String>> c = new LinkedHashMap<>(context);
        c.put(key, List.of(values));
        return new Request(action, resource, principal, resourceAccount, c);
    }

    public Request withResourceAccount(String account) {
        return new Request(action, resource, principal, Optional.ofNullable(account), context);
    }

    /** True when the resource has an unknown part {@code {?}}. */
    public boolean hasUnknownResource() {
        return resource.contains("{?}");
    }
}
