package dev.iampreflight.project;

import dev.iampreflight.core.Finding;

import java.nio.file.Path;
import java.util.List;

/**
 * What discovery found under a directory: the deploy targets, the resource policies, and located findings for every
 * file or construct that could not be read (processing always goes on with the other files).
 *
 * @param root   the directory discovery started from; every file name in the model is relative to it
 * @param inputs the values the configurations' inputs took and where from (for {@code targets -v})
 */
public record Project(Path root, List<DeployTarget> targets, ResourcePolicies resourcePolicies,
                      List<Finding> findings, List<InputValue> inputs) {

    public Project {
        targets = List.copyOf(targets);
        findings = List.copyOf(findings);
        inputs = List.copyOf(inputs);
    }

    public Project(Path root, List<DeployTarget> targets, ResourcePolicies resourcePolicies, List<Finding> findings) {
        this(root, targets, resourcePolicies, findings, List.of());
    }

    /** A repo-relative name from the model resolved against the root. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }
}
