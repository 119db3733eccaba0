package dev.iampreflight.check;

import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.core.Finding;
import dev.iampreflight.project.ResourcePolicy;

import java.nio.file.Path;
import java.util.List;

/** Resource policies the config file declares for resources that live outside the project (another account). */
final class DeclaredResourcePolicies {

    private DeclaredResourcePolicies() {
    }

    static List<ResourcePolicy> read(Path root, ProjectConfig config, List<Finding> findings) {
        return List.of();
    }
}
