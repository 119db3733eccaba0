package dev.iampreflight.project;

import java.util.ArrayList;
import java.util.List;

/** The resource policies found in a project, in discovery order. */
public record ResourcePolicies(List<ResourcePolicy> all) {

    public static final ResourcePolicies EMPTY = new ResourcePolicies(List.of());

    public ResourcePolicies {
        all = List.copyOf(all);
    }

    /** The policies attached to exactly this ARN pattern. */
    public List<ResourcePolicy> forResource(String arnPattern) {
        List<ResourcePolicy> out = new ArrayList<>();
        for (ResourcePolicy p : all) {
            if (p.resourceArn().equals(arnPattern)) {
                out.add(p);
            }
        }
        return out;
    }

    public List<ResourcePolicy> ofKind(ResourceKind kind) {
        List<ResourcePolicy> out = new ArrayList<>();
        for (ResourcePolicy p : all) {
            if (p.kind() == kind) {
                out.add(p);
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
