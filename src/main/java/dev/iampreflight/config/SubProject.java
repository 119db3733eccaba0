package dev.iampreflight.config;

import java.nio.file.Path;

/**
 * A sub-project of a run: a folder strictly inside the checked folder with its own config file, which applies to the
 * deploy files and findings under it before the run's config does.
 *
 * @param folder the sub-project's folder (absolute)
 */
public record SubProject(Path folder, ProjectConfig config) {
}
