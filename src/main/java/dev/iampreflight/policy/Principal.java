package dev.iampreflight.policy;

import dev.iampreflight.core.SourceLocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Principal or NotPrincipal element. {@code "*"} as a bare string is {@link #anyone()}; otherwise a map from
 * principal type ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}) to values.
 */
public record Principal(boolean negated, boolean anyone, Map<String, List<LocatedString>> byType,
                        SourceLocation location) {

    public static final String AWS = "AWS";
    public static final String SERVICE = "Service";
    public static final String FEDERATED = "Federated";
    public static final String CANONICAL_USER = "CanonicalUser";

    public Principal {
        Map<String, List<LocatedString>> copy = new LinkedHashMap<>();
        byType.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byType = java.util.Collections.unmodifiableMap(copy);
    }

    public List<LocatedString> values(String type) {
        return byType.getOrDefault(type, List.of());
    }
}
