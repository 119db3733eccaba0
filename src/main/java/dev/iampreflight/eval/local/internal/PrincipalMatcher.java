package dev.iampreflight.eval.local.internal;

import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.policy.internal.Glob;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A compiled Principal or NotPrincipal element
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html). Matching says how
 * the principal was named, because that decides what a same-account resource policy grants on its own
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): naming the user, the
 * role session or everyone ({@link #DIRECT}), naming the role of a session ({@link #ROLE}), or naming only the account
 * ({@link #ACCOUNT}).
 */
public final class PrincipalMatcher {

    public static final int NONE = 0;
    public static final int ACCOUNT = 1;
    public static final int ROLE = 2;
    public static final int DIRECT = 3;

    final Principal source;
    final boolean negated;
    private final boolean anyone;
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> arns = new HashSet<>();
    /** Roles as account|name, lower-case: a role ARN's path does not appear in its session ARNs. */
    private final Set<String> roles = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> others = new HashSet<>();
    /** AWS values with an unresolved part {?} from infrastructure code: it may be anything, so it matches like *. */
    private final java.util.List<Glob> unknown = new java.util.ArrayList<>();

    public PrincipalMatcher(Principal p) {
        this.source = p;
        this.negated = p.negated();
        boolean any = p.anyone();
        for (LocatedString v : p.values(Principal.AWS)) {
            String s = v.value().trim();
            if (s.equals("*")) {
                any = true;
            } else if (s.contains("{?}")) {
                unknown.add(Glob.literalWithUnknowns(s.toLowerCase(Locale.ROOT), Wildcards.Mode.PLAIN));
            } else if (s.matches("\\d{12}")) {
                accounts.add(s);
            } else {
                String lower = s.toLowerCase(Locale.ROOT);
                String[] parts = s.split(":", 6);
                if (parts.length == 6 && parts[5].equals("root")) {
                    accounts.add(parts[4]);
                } else if (parts.length == 6 && parts[2].equalsIgnoreCase("iam") && parts[5].startsWith("role/")) {
                    roles.add(parts[4] + "|" + parts[5].substring(parts[5].lastIndexOf('/') + 1)
                            .toLowerCase(Locale.ROOT));
                } else {
                    arns.add(lower);
                }
            }
        }
        for (LocatedString v : p.values(Principal.SERVICE)) {
            if (v.value().trim().equals("*")) {
                any = true;
            }
            services.add(v.value().trim().toLowerCase(Locale.ROOT));
        }
        for (LocatedString v : p.values(Principal.FEDERATED)) {
            others.add(v.value().trim().toLowerCase(Locale.ROOT));
        }
        for (LocatedString v : p.values(Principal.CANONICAL_USER)) {
            others.add(v.value().trim().toLowerCase(Locale.ROOT));
        }
        this.anyone = any;
    }

    private static String roleKey(PrincipalInfo p) {
        String arn = p.roleArn().orElse("");
        return p.account() + "|" + arn.substring(arn.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /** How a positive Principal names {@code p}: NONE, ACCOUNT, ROLE or DIRECT. */
    public int grant(PrincipalInfo p) {
        if (anyone) {
            return DIRECT;
        }
        String arn = p.arn().toLowerCase(Locale.ROOT);
        int viaUnknown = unknown.isEmpty() ? NONE : unknownGrant(p, arn);
        int named = named(p, arn);
        return Math.max(named, viaUnknown);
    }

    private int unknownGrant(PrincipalInfo p, String arn) {
        if (!p.isIamPrincipal()) {
            return NONE;
        }
        int best = NONE;
        String root = ("arn:" + p.partition() + ":iam::" + p.account() + ":root").toLowerCase(Locale.ROOT);
        for (Glob g : unknown) {
            if (p.type() == PrincipalInfo.Type.ROLE && g.matches(arn)) {
                best = Math.max(best, ROLE);
            } else if (g.matches(arn) || (p.type() == PrincipalInfo.Type.ROOT && g.matches(root))) {
                best = Math.max(best, DIRECT);
            } else if (p.roleArn().isPresent() && g.matches(p.roleArn().get().toLowerCase(Locale.ROOT))) {
                best = Math.max(best, ROLE);
            } else if (g.matches(root) || g.matches(p.account())) {
                best = Math.max(best, ACCOUNT);
            }
        }
        return best;
    }

    private int named(PrincipalInfo p, String arn) {
        switch (p.type()) {
            case SERVICE:
                return services.contains(p.serviceName().orElse("")) ? DIRECT : NONE;
            case ANONYMOUS:
            case OTHER:
                return others.contains(arn) ? DIRECT : NONE;
            case ROOT:
                return accounts.contains(p.account()) || arns.contains(arn) ? DIRECT : NONE;
            case ROLE:
                if (roles.contains(roleKey(p))) {
                    return ROLE;
                }
                return accounts.contains(p.account()) ? ACCOUNT : NONE;
            case ASSUMED_ROLE:
                if (arns.contains(arn)) {
                    return DIRECT;
                }
                if (roles.contains(roleKey(p))) {
                    return ROLE;
                }
                return accounts.contains(p.account()) ? ACCOUNT : NONE;
            default:
                if (arns.contains(arn) || others.contains(arn)) {
                    return DIRECT;
                }
                return accounts.contains(p.account()) ? ACCOUNT : NONE;
        }
    }

    /**
     * Whether a NotPrincipal element applies to {@code p}: it exempts a principal only when it names every identity in
     * the principal's chain (account, role, session) — naming just the role still denies its sessions
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
     */
    public boolean notPrincipalApplies(PrincipalInfo p) {
        if (anyone) {
            return false;
        }
        for (String id : p.chain()) {
            boolean listed;
            if (id.startsWith("account:")) {
                listed = accounts.contains(id.substring(8));
            } else if (id.startsWith("service:")) {
                listed = services.contains(id.substring(8));
            } else if (id.equals("anonymous")) {
                listed = false;
            } else {
                String arn = id.substring(4);
                listed = arns.contains(arn) || others.contains(arn)
                        || (arn.contains(":role/") && roles.contains(roleKeyOfArn(arn)));
            }
            if (!listed) {
                return true;
            }
        }
        return false;
    }

    private static String roleKeyOfArn(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] + "|" + parts[5].substring(parts[5].lastIndexOf('/') + 1) : arn;
    }

    public String describe() {
        return (negated ? "NotPrincipal " : "Principal ") + describeValues();
    }

    String describeValues() {
        if (source.anyone()) {
            return "\"*\"";
        }
        StringBuilder sb = new StringBuilder();
        source.byType().forEach((type, values) -> {
            sb.append(sb.length() == 0 ? "" : ", ").append(type).append(": ");
            List<String> vs = values.stream().map(LocatedString::value).toList();
            sb.append(vs);
        });
        return "{" + sb + "}";
    }
}
