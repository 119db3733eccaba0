package dev.iampreflight.project;

import dev.iampreflight.core.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * What one IaC reader found in its files. Readers never throw for bad input; they add findings.
 *
 * @param resources resources whose configuration (tags, KMS key) decides what requests on them need
 * @param roles     every IAM role declared, with its policies and trust policy (assumed roles are found here)
 * @param inputs    the values the configuration's inputs took and where from (Terraform variables), for
 *                  {@code targets -v}
 */
public record IacResult(List<DeployTarget> targets, List<ResourcePolicy> resourcePolicies, List<Finding> findings,
                        List<DeclaredResource> resources, List<DeclaredRole> roles, List<InputValue> inputs) {

    public static final IacResult EMPTY = new IacResult(List.of(), List.of(), List.of());

    public IacResult(List<DeployTarget> targets, List<ResourcePolicy> resourcePolicies, List<Finding> findings) {
        this(targets, resourcePolicies, findings, List.of(), List.of(), List.of());
    }

    public IacResult(List<DeployTarget> targets, List<ResourcePolicy> resourcePolicies, List<Finding> findings,
                     List<DeclaredResource> resources, List<DeclaredRole> roles) {
        this(targets, resourcePolicies, findings, resources, roles, List.of());
    }

    public IacResult {
        targets = List.copyOf(targets);
        resourcePolicies = List.copyOf(resourcePolicies);
        findings = List.copyOf(findings);
        resources = List.copyOf(resources);
        roles = List.copyOf(roles);
        inputs = List.copyOf(inputs);
    }

    public static IacResult ofFindings(List<Finding> findings) {
        return new IacResult(List.of(), List.of(), findings);
    }

    /** The same result with the declared resources, roles and inputs of {@code o} (a reader that wraps another). */
    public IacResult withDeclared(IacResult o) {
        return new IacResult(targets, resourcePolicies, findings, o.resources, o.roles, o.inputs);
    }

    public IacResult withInputs(List<InputValue> values) {
        List<InputValue> all = new ArrayList<>(inputs);
        all.addAll(values);
        return new IacResult(targets, resourcePolicies, findings, resources, roles, all);
    }

    public IacResult plus(IacResult o) {
        List<DeployTarget> t = new ArrayList<>(targets);
        t.addAll(o.targets);
        List<ResourcePolicy> r = new ArrayList<>(resourcePolicies);
        r.addAll(o.resourcePolicies);
        List<Finding> f = new ArrayList<>(findings);
        f.addAll(o.findings);
        List<DeclaredResource> d = new ArrayList<>(resources);
        d.addAll(o.resources);
        List<DeclaredRole> ro = new ArrayList<>(roles);
        ro.addAll(o.roles);
        List<InputValue> in = new ArrayList<>(inputs);
        in.addAll(o.inputs);
        return new IacResult(t, r, f, d, ro, in);
    }
}
