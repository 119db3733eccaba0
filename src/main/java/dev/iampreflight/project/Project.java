package dev.iampreflight.project;

import dev.iampreflight.core.Finding;

import java.nio.file.Path;
import java.util.List;

/**
 * What discovery found under a directory: the deploy targets, the resource policies, and located findings for every
 * file or construct that could not be read (processing always goes on with the other files).
 *
 * @param root      the directory discovery started from; every file name in the model is relative to it
 * @param resources resources whose configuration (tags, KMS key) decides what requests on them need
 * @param roles     every IAM role the project declares
 * @param inputs    the values the configurations' inputs took and where from (for {@code targets -v})
 */
public record Project(Path root, List<DeployTarget> targets, ResourcePolicies resourcePolicies,
                      List<Finding> findings, List<DeclaredResource> resources, List<DeclaredRole> roles,
                      List<InputValue> inputs) {

    public Project(Path root, List<DeployTarget> targets, ResourcePolicies resourcePolicies, List<Finding> findings) {
        this(root, targets, resourcePolicies, findings, List.of(), List.of(), List.of());
    }

    public Project {
        targets = List.copyOf(targets);
        findings = List.copyOf(findings);
        resources = List.copyOf(resources);
        roles = List.copyOf(roles);
        inputs = List.copyOf(inputs);
    }

    /** A repo-relative name from the model resolved against the root. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }
}
