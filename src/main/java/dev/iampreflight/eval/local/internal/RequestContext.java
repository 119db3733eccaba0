package dev.iampreflight.eval.local.internal;

import dev.iampreflight.eval.Request;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request made ready for matching: the action lower-cased, the resource normalized, the principal understood, and
 * the context with the keys AWS derives from the request added (explicit context values win). Keys are lower-case:
 * condition key names are case-insensitive
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
 */
public final class RequestContext {

    public final Request request;
    public final String action;
    public final String resource;
    public final int[] resourceColons;
    public final PrincipalInfo principal;
    public final Optional<String> resourceAccount;
    public final boolean hasBoundary;
    private final Map<String, List<String>> context;
    public final Function<String, String> lookup;

    public RequestContext(Request request, String effectiveResource, boolean hasBoundary) {
        this.request = request;
        this.action = request.action().toLowerCase(Locale.ROOT);
        this.resource = Glob.normalizeResource(effectiveResource);
        this.resourceColons = Glob.colonsOf(resource);
        this.principal = PrincipalInfo.of(request.principal());
        this.hasBoundary = hasBoundary;
        this.resourceAccount = resourceAccountOf(request);
        Map<String, List<String>> c = new HashMap<>();
        derive(c);
        request.context().forEach((k, v) -> c.put(k.toLowerCase(Locale.ROOT), v));
        this.context = c;
        this.lookup = key -> {
            List<String> v = context.get(key);
            // Only single-valued keys can be policy variables
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
            return v != null && v.size() == 1 ? v.get(0) : null;
        };
    }

    static Optional<String> resourceAccountOf(Request r) {
        if (r.resourceAccount().isPresent() && !r.resourceAccount().get().isBlank()) {
            return r.resourceAccount();
        }
        String res = r.resource();
        if (res.regionMatches(true, 0, "arn:", 0, 4)) {
            String[] p = res.split(":", 6);
            if (p.length >= 5 && p[4].matches("\\d{12}")) {
                return Optional.of(p[4]);
            }
        }
        return Optional.empty();
    }

    /**
     * Keys AWS puts in every request context
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
     */
    private void derive(Map<String, List<String>> c) {
        PrincipalInfo p = principal;
        switch (p.type()) {
            case ANONYMOUS -> {
                c.put("aws:principaltype", List.of("Anonymous"));
                c.put("aws:userid", List.of("anonymous"));
            }
            case SERVICE -> {
                c.put("aws:principalisawsservice", List.of("true"));
                c.put("aws:principalservicename", List.of(p.serviceName().orElse("")));
            }
            case OTHER -> {
            }
            default -> {
                c.put("aws:principalarn", List.of(p.principalArn()));
                c.put("aws:principalaccount", List.of(p.account()));
                c.put("aws:principaltype", List.of(p.type().contextValue()));
                c.put("aws:principalisawsservice", List.of("false"));
                p.userName().ifPresent(u -> c.put("aws:username", List.of(u)));
                if (p.type() == PrincipalInfo.Type.ROOT) {
                    c.put("aws:userid", List.of(p.account()));
                }
            }
        }
        resourceAccount.ifPresent(a -> c.put("aws:resourceaccount", List.of(a)));
    }

    /** The values of a key (lower-case name), or null when the request does not have it. */
    public List<String> values(String keyLower) {
        return context.get(keyLower);
    }

    /** The principal and resource are in different, known accounts. */
    public boolean crossAccount() {
        return principal.isIamPrincipal() && !principal.account().isEmpty() && resourceAccount.isPresent()
                && !resourceAccount.get().equals(principal.account());
    }
}
