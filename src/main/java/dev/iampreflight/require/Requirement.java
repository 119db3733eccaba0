package dev.iampreflight.require;

import dev.iampreflight.code.SdkCall;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One permission a call needs: an IAM action on a resource ARN pattern (unknown segments written {@code {?}};
 * {@code *} for actions that support no resource-level permissions), the request context keys the call sets where
 * they matter (e.g. {@code kms:ViaService}), why it is needed, and the call it comes from.
 */
public record Requirement(String action, String resource, Map<String, String> context, String why, SdkCall call) {
    public Requirement {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = Collections.unmodifiableMap(new TreeMap<>(context));
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(call, "call");
    }
}
