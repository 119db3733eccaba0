package dev.iampreflight.eval.local.internal;

import dev.iampreflight.eval.Request;
import dev.iampreflight.policy.internal.Glob;

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
    public final boolean hasBoundary;
    /** Computed on first use: most decisions never ask for the resource's account. */
    private Optional<String> resourceAccount;
    private List<String> resourceAccountValue;
    public final Function<String, String> lookup;

    public RequestContext(Request request, String effectiveResource, boolean hasBoundary) {
        this.request = request;
        this.action = request.action().toLowerCase(Locale.ROOT);
        this.resource = Glob.normalizeResource(effectiveResource);
        this.resourceColons = Glob.colonsOf(resource);
        this.principal = PrincipalInfo.cached(request.principal());
        this.hasBoundary = hasBoundary;
        this.lookup = key -> {
            List<String> v = values(key);
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
            int c3 = -1;
            int c4 = -1;
            int n = 0;
            for (int i = 0; i < res.length(); i++) {
                if (res.charAt(i) == ':') {
                    n++;
                    if (n == 4) {
                        c3 = i;
                    } else if (n == 5) {
                        c4 = i;
                        break;
                    }
                }
            }
            if (c4 - c3 == 13) {
                for (int i = c3 + 1; i < c4; i++) {
                    if (res.charAt(i) < '0' || res.charAt(i) > '9') {
                        return Optional.empty();
                    }
                }
                return Optional.of(res.substring(c3 + 1, c4));
            }
        }
        return Optional.empty();
    }

    /**
     * The values of a key (lower-case name), or null when the request does not have it. The request's own context
     * wins; otherwise the keys AWS derives from the request
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
     */
    public List<String> values(String keyLower) {
        for (Map.Entry<String, List<String>> e : request.context().entrySet()) {
            if (e.getKey().equalsIgnoreCase(keyLower)) {
                return e.getValue();
            }
        }
        if (keyLower.equals("aws:resourceaccount")) {
            resourceAccount();
            return resourceAccountValue;
        }
        return principal.derived().get(keyLower);
    }

    private static boolean twelveDigits(String s) {
        if (s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The resource's account: the request's resourceAccount, else the resource ARN's account field. */
    public Optional<String> resourceAccount() {
        if (resourceAccount == null) {
            resourceAccount = resourceAccountOf(request);
            resourceAccountValue = resourceAccount.map(List::of).orElse(null);
        }
        return resourceAccount;
    }

    /** The principal and resource are in different, known accounts. */
    public boolean crossAccount() {
        // An account we do not know (empty, or {?} from infrastructure code) cannot prove a cross-account request.
        if (!principal.isIamPrincipal() || !twelveDigits(principal.account())) {
            return false;
        }
        if (resourceAccount == null && request.resourceAccount().isEmpty() && resourceColons != null
                && resource == request.resource()) {
            // Fast path without allocation: the ARN's account field, when it is twelve digits.
            int from = resourceColons[3] + 1;
            if (resourceColons[4] - from != 12) {
                return false;
            }
            for (int i = from; i < from + 12; i++) {
                char ch = resource.charAt(i);
                if (ch < '0' || ch > '9') {
                    return false;
                }
            }
            return !resource.regionMatches(from, principal.account(), 0, 12) || principal.account().length() != 12;
        }
        Optional<String> ra = resourceAccount();
        return ra.isPresent() && twelveDigits(ra.get()) && !ra.get().equals(principal.account());
    }
}
