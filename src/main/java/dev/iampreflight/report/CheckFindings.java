package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Fix;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.fix.Fixes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the findings of {@code check} with consistent messages: each names the action, the resource, the deploy
 * target and why, and says what would make the call work. The pipeline calls these instead of writing messages.
 */
public final class CheckFindings {

    /** Why a request is denied for every resource it can touch. */
    public sealed interface Why permits NoStatement, ExplicitDeny, UntrustedByResourcePolicy {
    }

    /** No statement of the target's policies allows the request (an implicit deny). */
    public record NoStatement() implements Why {
    }

    /** A Deny statement matches; {@code statement} is its label, e.g. {@code statement 'NoDeletes'}. */
    public record ExplicitDeny(String statement, SourceLocation location) implements Why {
    }

    /**
     * The resource's own policy does not trust the principal and grants nothing to the account implicitly, as a KMS
     * key policy (AWS KMS Developer Guide, "Key policies in AWS KMS": unless the key policy allows it, IAM policies
     * alone give no access to the key). {@code kind} names it, e.g. {@code KMS key policy}.
     */
    public record UntrustedByResourcePolicy(String kind, SourceLocation location) implements Why {
    }

    private CheckFindings() {
    }

    /**
     * IAM1001. {@code callSite} is the SDK call; {@code related} should include the policy that ought to allow it;
     * {@code policyFile} names the JSON policy file {@code --fix} may write the statement into.
     */
    public static Finding missingPermission(String target, String action, String resource, Why why,
                                            SourceLocation callSite, List<RelatedLocation> related,
                                            Optional<String> policyFile) {
        String reason;
        List<RelatedLocation> rel = new ArrayList<>(related);
        if (why instanceof ExplicitDeny d) {
            reason = "the Deny " + d.statement() + " at " + d.location() + " matches it, and no Allow can override a "
                    + "Deny";
            rel.add(0, new RelatedLocation(d.location(), "the Deny " + d.statement() + " that matches the request"));
        } else if (why instanceof UntrustedByResourcePolicy u) {
            reason = "the " + u.kind() + " at " + u.location() + " does not allow the role of " + target;
            rel.add(0, new RelatedLocation(u.location(), "the " + u.kind() + ", which should allow the role"));
        } else {
            reason = "no statement allows it";
        }
        String where = policyFile.map(p -> " in " + p).orElse("");
        Fix fix = Fixes.allow("allow " + action + " on " + resource + where, List.of(action), List.of(resource),
                policyFile);
        Finding f = new Finding(Rule.MISSING_PERMISSION.id(), Rule.MISSING_PERMISSION.severity(),
                action + " on '" + resource + "' is denied for " + target + ": " + reason, callSite, rel);
        return f.withTarget(target).withRequest(action, resource).withFix(fix);
    }

    /** IAM1002: the resource is only partly known and the policies allow {@code allowed} of its values. */
    public static Finding partialPermission(String target, String action, String resource, List<String> allowed,
                                            SourceLocation callSite, List<RelatedLocation> related) {
        String list = allowed.isEmpty() ? "none" : "'" + String.join("', '", allowed) + "'";
        return new Finding(Rule.PARTIAL_PERMISSION.id(), Rule.PARTIAL_PERMISSION.severity(),
                action + " on '" + resource + "' is allowed for " + target + " only on " + list
                        + "; the call fails for any other value at run time", callSite, related)
                .withTarget(target).withRequest(action, resource);
    }

    /** IAM1003, once per target: its policies live in AWS ({@code why}, e.g. "iam_role_arn is set"). */
    public static Finding cannotCheck(String target, String why, int calls, SourceLocation where) {
        return new Finding(Rule.CANNOT_CHECK.id(), Rule.CANNOT_CHECK.severity(),
                "the permissions of " + target + " live in AWS (" + why + "), so its "
                        + Summary.plural(calls, "call") + " went unchecked; check the deployed role with the IAM "
                        + "policy simulator (aws iam simulate-principal-policy)", where).withTarget(target);
    }

    /** IAM1004: Chalice's policy generator will not see this call, so {@code action} will be missing. */
    public static Finding chaliceAutogenMiss(String target, String action, String why, SourceLocation callSite) {
        return new Finding(Rule.CHALICE_AUTOGEN_MISS.id(), Rule.CHALICE_AUTOGEN_MISS.severity(),
                "Chalice's automatic policy would not include " + action + " for " + target + ": " + why
                        + "; set autogen_policy to false and write the policy, or create the client where Chalice "
                        + "can see it", callSite).withTarget(target).withRequest(action, "*");
    }
}
