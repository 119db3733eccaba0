package dev.iampreflight.iac.terraform;

import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.ProjectOptions;

import java.nio.file.Path;
import java.util.List;

/** Reads Terraform configurations and plan JSON. */
public final class TerraformReader {
    private TerraformReader() {
    }

    public static IacResult readDirectories(Path root, List<Path> dirs, ProjectOptions options) {
        return IacResult.EMPTY;
    }

    public static IacResult readPlan(Path root, Path plan, ProjectOptions options) {
        return IacResult.EMPTY;
    }
}
