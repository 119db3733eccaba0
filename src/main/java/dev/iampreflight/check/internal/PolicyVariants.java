package dev.iampreflight.check.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.ResourcePolicyKind;
import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.eval.local.PreparedPolicySet;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.PolicyVariant;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.report.Rule;
import dev.iampreflight.require.Requirement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target's requests evaluated once more with the policies each {@link PolicyVariant} gives it (an input whose other
 * value attaches or drops a policy or boundary). The value the check uses decides errors; a call whose decision the
 * other value changes is a warning naming the input. When the input has no value at all, neither case is the deployed
 * one: a call denied in one case and allowed in the other is that warning, never an error.
 */
public final class PolicyVariants {

    private final LocalEngine engine;
    private final DeployTarget target;
    private final List<PolicyVariant> variants = new ArrayList<>();
    private final Map<String, PreparedPolicySet> prepared = new HashMap<>();

    public PolicyVariants(LocalEngine engine, DeployTarget target) {
        this.engine = engine;
        this.target = target;
        for (PolicyVariant v : target.policyVariants()) {
            // A variant with a policy that lives in AWS (a boundary ARN given only at deploy) cannot be evaluated.
            if (v.evaluable()) {
                variants.add(v);
            }
        }
    }

    /**
     * The finding for a request whose decision depends on an input, in place of the usual one: a warning when the
     * checked value allows it and the other denies it, or when the input has no value and only one case allows it.
     * Empty when no input changes the outcome (then the usual reporting applies).
     */
    public Optional<Finding> finding(Requirement req, Request request, Decision base, Optional<ResourcePolicy> rp) {
        boolean allowed = base.kind() == DecisionKind.ALLOWED;
        for (int i = 0; i < variants.size(); i++) {
            PolicyVariant v = variants.get(i);
            if (!allowed && v.decided() && !(v.byDefault() && grantsMore(v))) {
                continue; // the checked value is the deployed one: it decides the error
            }
            boolean otherAllowed = engine.evaluate(set(i, v, rp), request).kind() == DecisionKind.ALLOWED;
            if (allowed != otherAllowed) {
                return Optional.of(warning(req, v, allowed));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the variant only adds to the target's policies (same boundary, every policy still attached): the
     * project grants the permission behind a switch whose default leaves it out. The code that needs it is then
     * usually the feature the same switch turns on, through configuration the analysis cannot follow (an SSM
     * parameter or an environment value built from the same input), so a call it would allow is not certain to be
     * denied with the default: a warning naming the input, not an error. A value that a variable file or the user
     * chose, or a boundary that the default adds, still decides an error.
     */
    private boolean grantsMore(PolicyVariant v) {
        if (!v.permissionBoundary().map(AttachedPolicy::name).equals(
                target.permissionBoundary().map(AttachedPolicy::name))) {
            return false;
        }
        List<String> names = v.identityPolicies().stream().map(AttachedPolicy::name).toList();
        return target.identityPolicies().stream().allMatch(p -> names.contains(p.name()));
    }

    private Finding warning(Requirement req, PolicyVariant v, boolean allowedNow) {
        String call = req.action() + " on " + req.resource() + " by " + target.name();
        String first = allowedNow ? "allowed" : "denied";
        String second = allowedNow ? "denied" : "allowed";
        String message = v.input().startsWith("%{")
                ? call + " is " + first + " in some outcomes of the template directives " + v.input() + " and "
                + second + " in others (" + v.difference() + "); their values are unknown here, so the outcome "
                + "depends on the values the deployment gives them"
                : v.decided() && !allowedNow
                ? call + " is " + first + " with " + v.input() + " = " + v.baseValue() + ", but " + second + " when "
                + v.input() + " is " + v.otherValue() + " (then " + v.difference() + "); the project grants it only "
                + "for that value, so the call is taken to belong to what " + v.input() + " turns on: if the code "
                + "makes it with the default value, it is denied"
                : v.decided()
                ? call + " is " + first + " with " + v.input() + " = " + v.baseValue() + ", but " + second + " when "
                + v.input() + " is " + v.otherValue() + " (then " + v.difference() + ")"
                : call + " is " + first + " when " + v.input() + " is " + v.baseValue() + " and " + second + " when it "
                + "is " + v.otherValue() + " (then " + v.difference() + "); " + v.input() + " has no value here, so "
                + "the outcome depends on the value the deployment gives it";
        List<RelatedLocation> related = List.of(new RelatedLocation(v.declaredAt(), v.input().startsWith("%{")
                ? "the policy rendered from the template" : "the input " + v.input()));
        return new Finding(Rule.TF_CONDITIONAL_POLICY.id(), Severity.WARNING, message, req.call().location(),
                related).withTarget(target.name()).withRequest(req.action(), req.resource());
    }

    private PreparedPolicySet set(int i, PolicyVariant v, Optional<ResourcePolicy> rp) {
        String key = i + "#" + rp.map(p -> p.resourceArn() + "#" + p.name()).orElse("");
        return prepared.computeIfAbsent(key, k -> {
            List<PolicyDocument> identity = new ArrayList<>();
            v.identityPolicies().forEach(p -> p.document().ifPresent(identity::add));
            List<PolicyDocument> boundary = v.permissionBoundary().flatMap(AttachedPolicy::document).stream().toList();
            PolicySet set = PolicySet.identity(identity).withPermissionBoundaries(boundary);
            if (rp.isPresent()) {
                set = set.withResourcePolicy(rp.get().document(), rp.get().kind() == ResourceKind.KMS_KEY
                        ? ResourcePolicyKind.KMS_KEY : ResourcePolicyKind.GENERIC);
            }
            return engine.prepare(set);
        });
    }
}
