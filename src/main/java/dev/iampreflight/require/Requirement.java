package dev.iampreflight.require;

import dev.iampreflight.code.SdkCall;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One permission a call needs: an IAM action on a resource ARN pattern (unknown segments written {@code {?}};
 * {@code *} for actions that support no resource-level permissions), the request context keys the call sets where
 * they matter (e.g. {@code kms:ViaService}), why it is needed, and the call it comes from.
 *
 * <p>{@code onlyWhen} is set for a permission the call needs only under a condition the code does not show: with
 * {@code optional} it is needed only when something fails or a feature is used, and its absence does not fail the
 * call (never reported); without, the condition depends on something unknown offline (which KMS key encrypts a
 * parameter), so its absence is a warning that names the condition, never an error.
 *
 * <p>{@code callContext} holds the condition keys a parameter of the call determines ({@code events:source},
 * {@code aws:RequestTag/team}), each with its values; a value of {@code {?}} means the key is set to something the
 * code does not show.
 */
public record Requirement(String action, String resource, Map<String, String> context, String why, SdkCall call,
                          Optional<String> onlyWhen, boolean optional, Map<String, List<String>> callContext) {

    public Requirement(String action, String resource, Map<String, String> context, String why, SdkCall call) {
        this(action, resource, context, why, call, Optional.empty(), false, Map.of());
    }

    public Requirement {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = Collections.unmodifiableMap(new TreeMap<>(context));
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(call, "call");
        onlyWhen = onlyWhen == null ? Optional.empty() : onlyWhen;
        callContext = callContext == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(callContext));
    }
}
