package dev.iampreflight.check.internal;

import dev.iampreflight.core.Fix;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.ElementCheck;
import dev.iampreflight.eval.PolicyRole;
import dev.iampreflight.eval.PolicyTrace;
import dev.iampreflight.eval.ReasonCode;
import dev.iampreflight.eval.StatementRef;
import dev.iampreflight.eval.StatementTrace;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.require.Requirement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Words for a denied or partly allowed requirement: what is denied, for whom, and why, with the places that explain
 * it (the deny statement, the statement that nearly allows it, the key policy, or the policy file).
 */
public final class MissingPermissionMessages {

    /** The message, the related locations, and whether adding an Allow to the identity policy would fix it. */
    public record Explained(String message, List<RelatedLocation> related, boolean fixable, Optional<Fix> customFix) {
        public Explained {
            related = List.copyOf(related);
        }
    }

    private MissingPermissionMessages() {
    }

    public static Explained explain(DeployTarget t, Requirement req, Decision d, Optional<ResourcePolicy> rp) {
        String head = "'" + req.action() + "' on '" + req.resource() + "'";
        List<RelatedLocation> related = new ArrayList<>();
        if (d.kind() == DecisionKind.ALLOWED_FOR_SOME && d.primaryReason() == ReasonCode.UNDOCUMENTED_RESOURCE) {
            return new Explained(head + " may be denied for " + t.name() + ": " + d.reasons().get(0).message()
                    + ". " + why(req) + " Allow it on \"*\" to be sure", firstPolicy(t, related), true,
                    Optional.empty());
        }
        if (d.kind() == DecisionKind.ALLOWED_FOR_SOME && d.allowedPatterns().isEmpty()) {
            // Allowed for every value but those a Deny names: say which statement decides, not an empty list.
            List<StatementRef> denies = d.explicitDenies();
            for (StatementRef s : denies) {
                related.add(new RelatedLocation(s.location(), "this Deny statement matches some values"));
            }
            String which = denies.isEmpty() ? "a Deny statement" : "the Deny " + denies.get(0).statementLabel()
                    + " of '" + denies.get(0).policyName() + "'";
            return new Explained(head + " is denied for " + t.name() + " where the unknown part ({?}) is a value "
                    + which + " names, and allowed for the others; " + why(req) + " Make sure the value at run time "
                    + "is not one of those", related.isEmpty() ? firstPolicy(t, related) : related, false,
                    Optional.empty());
        }
        if (d.kind() == DecisionKind.ALLOWED_FOR_SOME) {
            return new Explained(head + " is allowed for " + t.name() + " only where the unknown part ({?}) is one of: "
                    + String.join(", ", d.allowedPatterns()) + "; " + why(req) + " Make sure the value at run time is "
                    + "one of these, or widen the policy", firstPolicy(t, related), false, Optional.empty());
        }
        ReasonCode reason = d.primaryReason();
        switch (reason) {
            case DENIED_BY_STATEMENT: {
                List<StatementRef> denies = d.explicitDenies();
                for (StatementRef s : denies) {
                    related.add(new RelatedLocation(s.location(), "this Deny statement matches the request"));
                }
                String which = denies.isEmpty() ? "a Deny statement"
                        : "the Deny " + denies.get(0).statementLabel() + " of '" + denies.get(0).policyName() + "'"
                        + (denies.get(0).location().line() > 0 ? " at " + denies.get(0).location() : "");
                return new Explained(head + " is denied for " + t.name() + ": " + which + " matches it, and an "
                        + "explicit deny wins over every allow. " + why(req), related, false, Optional.empty());
            }
            case RESOURCE_POLICY_DOES_NOT_TRUST:
            case RESOURCE_POLICY_DOES_NOT_ALLOW: {
                String kind = rp.map(p -> p.kind() == ResourceKind.KMS_KEY ? "KMS key policy"
                        : p.kind() == ResourceKind.IAM_ROLE ? "role trust policy" : "resource policy")
                        .orElse("resource policy");
                rp.ifPresent(p -> related.add(new RelatedLocation(p.source(), "the " + kind + " of " + p.resourceArn())));
                String name = rp.map(p -> " '" + p.name() + "'").orElse("");
                String detail = reason == ReasonCode.RESOURCE_POLICY_DOES_NOT_TRUST
                        ? "does not allow the principal " + t.principal() + " (nor its account root) to call "
                        + req.action() + "; a " + kind + " grants nothing implicitly, so IAM permissions alone are "
                        + "not enough"
                        : "does not allow " + t.principal() + " to call " + req.action()
                        + "; across accounts both the identity policy and the resource policy must allow it";
                return new Explained(head + " is denied for " + t.name() + ": the " + kind + name + " " + detail
                        + ". " + why(req), related, false, rp.map(p -> resourcePolicyFix(t, req, kind)));
            }
            case BOUNDARY_DOES_NOT_ALLOW: {
                t.permissionBoundary().ifPresent(b -> related.add(
                        new RelatedLocation(b.source(), "the permissions boundary " + b.name())));
                return new Explained(head + " is denied for " + t.name() + ": the permissions boundary "
                        + t.permissionBoundary().map(b -> "'" + b.name() + "' ").orElse("")
                        + "does not allow it (the identity policy may, but a boundary caps it). " + why(req),
                        related, false, Optional.empty());
            }
            case SESSION_POLICY_DOES_NOT_ALLOW: {
                return new Explained(head + " is denied for " + t.name() + ": its identity policies allow it, but the "
                        + "session policy passed when the role was assumed does not, and a session can do only what "
                        + "both allow. " + why(req), firstPolicy(t, related), false, Optional.empty());
            }
            default: {
                List<String> hints = nearMisses(t, req, d, related);
                List<String> conditions = conditionMisses(req, d, related);
                hints.addAll(conditions);
                if (related.isEmpty()) {
                    firstPolicy(t, related);
                }
                String policies = t.identityPolicies().isEmpty() ? "it has no identity policy"
                        : "no statement of " + names(t) + " allows it";
                // A statement that would allow it but for its condition: an Allow without that condition would
                // widen the policy past what its author meant, so no such fix is proposed.
                return new Explained(head + " is denied for " + t.name() + ": " + policies
                        + (hints.isEmpty() ? "" : " (" + String.join("; ", hints) + ")") + ". " + why(req), related,
                        conditions.isEmpty(), Optional.empty());
            }
        }
    }

    private static String why(Requirement req) {
        String w = req.why().trim();
        if (w.isEmpty()) {
            return "";
        }
        return "Needed because " + Character.toLowerCase(w.charAt(0)) + w.substring(1) + (w.endsWith(".") ? "" : ".");
    }

    private static String names(DeployTarget t) {
        List<String> n = new ArrayList<>();
        for (AttachedPolicy p : t.identityPolicies()) {
            n.add("'" + p.name() + "'");
        }
        return String.join(", ", n);
    }

    private static List<RelatedLocation> firstPolicy(DeployTarget t, List<RelatedLocation> related) {
        if (!t.identityPolicies().isEmpty()) {
            AttachedPolicy p = t.identityPolicies().get(0);
            related.add(new RelatedLocation(p.source(), "the policy of " + t.name() + " (" + p.name() + ")"));
        }
        return related;
    }

    /** The Allow statements of the identity policies that do not apply to the request. */
    private static List<StatementTrace> unmatchedIdentityAllows(Decision d) {
        List<StatementTrace> out = new ArrayList<>();
        for (PolicyTrace pt : d.trace().policies()) {
            if (pt.role() == PolicyRole.IDENTITY) {
                for (StatementTrace st : pt.statements()) {
                    if (st.effect() == Effect.ALLOW && !st.matched()) {
                        out.add(st);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Allow statements of the identity policies whose action matches but whose resource does not: the usual shape
     * of this bug (a statement scoped to the wrong ARN, or an ARN with an empty account field).
     */
    private static List<String> nearMisses(DeployTarget t, Requirement req, Decision d, List<RelatedLocation> related) {
        List<String> hints = new ArrayList<>();
        for (StatementTrace st : unmatchedIdentityAllows(d)) {
            boolean actionOk = false;
            boolean resourceBad = false;
            for (ElementCheck c : st.checks()) {
                if (c.element().endsWith("Action")) {
                    actionOk = c.matched();
                } else if (c.element().endsWith("Resource") && !c.matched()) {
                    resourceBad = true;
                }
            }
            if (!actionOk || !resourceBad) {
                continue;
            }
            List<String> resources = resourcesOf(t, st.statement());
            String empty = resources.stream().anyMatch(dev.iampreflight.policy.AccountField::emptyByMistake)
                    ? ", and an ARN there has an empty account field, which matches no resource" : "";
            hints.add(st.statement().statementLabel() + " allows " + req.action() + " but only on "
                    + (resources.isEmpty() ? "other resources" : "'" + String.join("', '", resources) + "'") + empty);
            related.add(new RelatedLocation(st.statement().location(),
                    st.statement().statementLabel() + " allows the action on other resources" + empty));
        }
        return hints;
    }

    /**
     * Allow statements of the identity policies whose action and resource match but whose condition does not: the
     * request's context (or a key the call sets to a value the code does not show) decides.
     */
    private static List<String> conditionMisses(Requirement req, Decision d, List<RelatedLocation> related) {
        List<String> hints = new ArrayList<>();
        for (StatementTrace st : unmatchedIdentityAllows(d)) {
            boolean others = true;
            List<ElementCheck> failed = new ArrayList<>();
            for (ElementCheck c : st.checks()) {
                if (c.element().startsWith("Condition ")) {
                    if (!c.matched()) {
                        failed.add(c);
                    }
                } else if (!c.matched()) {
                    others = false;
                }
            }
            if (!others || failed.isEmpty()) {
                continue;
            }
            for (ElementCheck c : failed) {
                hints.add(st.statement().statementLabel() + " allows " + req.action() + " only when its condition "
                        + c.element().substring("Condition ".length()) + " holds, and for this request it does "
                        + "not (" + c.detail() + ")");
                related.add(new RelatedLocation(c.location(), "this condition does not hold for the request"));
            }
        }
        return hints;
    }

    private static List<String> resourcesOf(DeployTarget t, StatementRef ref) {
        for (AttachedPolicy p : t.identityPolicies()) {
            if (p.document().isEmpty()) {
                continue;
            }
            PolicyDocument doc = p.document().get();
            for (Statement s : doc.statements()) {
                // Statements expanded from one SAM template share a location: the name and label tell them apart.
                if (doc.name().equals(ref.policyName()) && s.label().equals(ref.statementLabel())
                        && s.location().equals(ref.location()) && s.resources().isPresent()) {
                    List<String> out = new ArrayList<>();
                    for (LocatedString v : s.resources().get().values()) {
                        out.add(v.value());
                    }
                    return out;
                }
            }
        }
        return List.of();
    }

    /** The statement to add to a resource policy (e.g. a KMS key policy) so that it trusts the principal. */
    private static Fix resourcePolicyFix(DeployTarget t, Requirement req, String kind) {
        // A Principal cannot hold a wildcard ARN; when the role's name is not known, trust its account root (IAM
        // policies in that account must then allow it too, which is what the identity side of the check verifies).
        // "*" would trust everyone: a role or account the tool cannot name is left for the user to fill in.
        String principal = t.principal().contains("{?}") ? ArnPatterns.account(t.principal())
                .map(a -> "arn:" + t.partition().orElse("aws") + ":iam::" + a + ":root")
                .orElse("arn:" + t.partition().orElse("aws") + ":iam::ACCOUNT_ID:role/ROLE_NAME") : t.principal();
        String json = "{\n  \"Sid\": \"AllowIamPreflightTarget\",\n  \"Effect\": \"Allow\",\n  \"Principal\": {\"AWS\": \""
                + principal + "\"},\n  \"Action\": [\"" + req.action()
                + "\"],\n  \"Resource\": \"*\"\n}";
        Map<Fix.SnippetFormat, String> snippets = new EnumMap<>(Fix.SnippetFormat.class);
        snippets.put(Fix.SnippetFormat.JSON, json);
        return new Fix("add to the " + kind + " a statement that allows " + principal + " to call "
                + req.action(), List.of(req.action()), List.of("*"), json.replaceAll("\\s*\\n\\s*", " "),
                snippets, Optional.empty());
    }
}
