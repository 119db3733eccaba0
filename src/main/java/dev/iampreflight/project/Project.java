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
 * @param reads     the deploy files discovery read, with the reader and why (for {@code -v})
 */
public record Project(Path root, List<DeployTarget> targets, ResourcePolicies resourcePolicies,
                      List<Finding> findings, List<DeclaredResource> resources, List<DeclaredRole> roles,
                      List<InputValue> inputs, List<Read> reads) {

    /**
     * One input discovery read: {@code file} relative to the root (a folder for Terraform), the reader, and why
     * discovery took it for that format.
     */
    public record Read(String file, String reader, String why) {
    }

    public Project(Path root, List<DeployTarget> targets, ResourcePolicies resourcePolicies,
                   List<Finding> findings, List<DeclaredResource> resources, List<DeclaredRole> roles,
                   List<InputValue> inputs) {
        this(root, targets, resourcePolicies, findings, resources, roles, inputs, List.of());
    }

    public Project(Path root, List<DeployTarget> targets, ResourcePolicies resourcePolicies, List<Finding> findings) {
        this(root, targets, resourcePolicies, findings, List.of(), List.of(), List.of(), List.of());
    }

    public Project {
        targets = List.copyOf(targets);
        findings = List.copyOf(findings);
        resources = List.copyOf(resources);
        roles = List.copyOf(roles);
        inputs = List.copyOf(inputs);
        reads = List.copyOf(reads);
    }

    /** A repo-relative name from the model resolved against the root. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }
}
