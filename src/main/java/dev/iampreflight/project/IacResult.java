package dev.iampreflight.project;

import dev.iampreflight.core.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * What one IaC reader found in its files. Readers never throw for bad input; they add findings.
 *
 * @param inputs the values the configuration's inputs took and where from (Terraform variables), for
 *               {@code targets -v}
 */
public record IacResult(List<DeployTarget> targets, List<ResourcePolicy> resourcePolicies, List<Finding> findings,
                        List<InputValue> inputs) {

    public static final IacResult EMPTY = new IacResult(List.of(), List.of(), List.of());

    public IacResult {
        targets = List.copyOf(targets);
        resourcePolicies = List.copyOf(resourcePolicies);
        findings = List.copyOf(findings);
        inputs = List.copyOf(inputs);
    }

    public IacResult(List<DeployTarget> targets, List<ResourcePolicy> resourcePolicies, List<Finding> findings) {
        this(targets, resourcePolicies, findings, List.of());
    }

    public IacResult withInputs(List<InputValue> values) {
        List<InputValue> all = new ArrayList<>(inputs);
        all.addAll(values);
        return new IacResult(targets, resourcePolicies, findings, all);
    }

    public static IacResult ofFindings(List<Finding> findings) {
        return new IacResult(List.of(), List.of(), findings);
    }

    public IacResult plus(IacResult o) {
        List<DeployTarget> t = new ArrayList<>(targets);
        t.addAll(o.targets);
        List<ResourcePolicy> r = new ArrayList<>(resourcePolicies);
        r.addAll(o.resourcePolicies);
        List<Finding> f = new ArrayList<>(findings);
        f.addAll(o.findings);
        List<InputValue> in = new ArrayList<>(inputs);
        in.addAll(o.inputs);
        return new IacResult(t, r, f, in);
    }
}
