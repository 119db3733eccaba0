package dev.iampreflight.check;

import dev.iampreflight.project.ProjectOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a preflight run looks at: the project directory, which deploy targets (names or globs; empty = all), the
 * options for reading the infrastructure (stage, account, region, parameters, variables), the config file, and
 * whether files the config names outside the project may be read ({@code --allow-outside-files}).
 */
public record CheckOptions(Path root, List<String> targets, ProjectOptions project, Optional<Path> config,
                           boolean allowOutsideFiles) {
    public CheckOptions {
        targets = List.copyOf(targets);
    }

    public CheckOptions(Path root, List<String> targets, ProjectOptions project, Optional<Path> config) {
        this(root, targets, project, config, false);
    }
}
