package dev.iampreflight.eval;

import dev.iampreflight.policy.PolicyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every policy that takes part in one decision. {@code scpLevels} and {@code rcpLevels} are lists of levels from the
 * organization root down to the account; each level is the list of policies attached there, and every level must
 * allow (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html).
 * {@code permissionBoundaries} normally holds one policy; when several are given, each must allow.
 */
public record PolicySet(List<PolicyDocument> identityPolicies, Optional<PolicyDocument> resourcePolicy,
                        ResourcePolicyKind resourcePolicyKind, List<PolicyDocument> permissionBoundaries,
                        Optional<PolicyDocument> sessionPolicy, List<List<PolicyDocument>> scpLevels,
                        List<List<PolicyDocument>> rcpLevels) {

    public PolicySet {
        identityPolicies = List.copyOf(identityPolicies);
        resourcePolicy = resourcePolicy == null ? Optional.empty() : resourcePolicy;
        resourcePolicyKind = resourcePolicyKind == null ? ResourcePolicyKind.GENERIC : resourcePolicyKind;
        permissionBoundaries = List.copyOf(permissionBoundaries);
        sessionPolicy = sessionPolicy == null ? Optional.empty() : sessionPolicy;
        scpLevels = copyLevels(scpLevels);
        rcpLevels = copyLevels(rcpLevels);
    }

    private static List<List<PolicyDocument>> copyLevels(List<List<PolicyDocument>> levels) {
        List<List<PolicyDocument>> out = new ArrayList<>();
        for (List<PolicyDocument> l : levels) {
            out.add(List.copyOf(l));
        }
        return List.copyOf(out);
    }

    /** Only identity policies. */
    public static PolicySet identity(List<PolicyDocument> policies) {
        return new PolicySet(policies, Optional.empty(), ResourcePolicyKind.GENERIC, List.of(), Optional.empty(),
                List.of(), List.of());
    }

    public static PolicySet identity(PolicyDocument... policies) {
        return identity(List.of(policies));
    }

    public PolicySet withResourcePolicy(PolicyDocument policy, ResourcePolicyKind kind) {
        return new PolicySet(identityPolicies, Optional.ofNullable(policy), kind, permissionBoundaries, sessionPolicy,
                scpLevels, rcpLevels);
    }

    public PolicySet withPermissionBoundaries(List<PolicyDocument> boundaries) {
        return new PolicySet(identityPolicies, resourcePolicy, resourcePolicyKind, boundaries, sessionPolicy,
                scpLevels, rcpLevels);
    }

    public PolicySet withSessionPolicy(PolicyDocument policy) {
        return new PolicySet(identityPolicies, resourcePolicy, resourcePolicyKind, permissionBoundaries,
                Optional.ofNullable(policy), scpLevels, rcpLevels);
    }

    public PolicySet withScpLevels(List<List<PolicyDocument>> levels) {
        return new PolicySet(identityPolicies, resourcePolicy, resourcePolicyKind, permissionBoundaries, sessionPolicy,
                levels, rcpLevels);
    }

    public PolicySet withRcpLevels(List<List<PolicyDocument>> levels) {
        return new PolicySet(identityPolicies, resourcePolicy, resourcePolicyKind, permissionBoundaries, sessionPolicy,
                scpLevels, levels);
    }
}
