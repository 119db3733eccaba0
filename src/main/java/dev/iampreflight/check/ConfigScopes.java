package dev.iampreflight.check;

import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.config.SubProject;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.Project;
import dev.iampreflight.discovery.ProjectDiscovery;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.internal.DisplayPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which config file speaks for each part of the tree. In a repository with several apps, each app's own
 * {@code .iam-preflight.yml} (a sub-project's config, strictly inside the checked folder) applies to the deploy files
 * under its folder, before the run's config file (the one found from the checked folder upward, or {@code --config}):
 * the command line wins, then the nearest config, then the run's. A run from the repository root (what the pre-commit
 * hook does) therefore reads and checks each app with its own settings (and the repository's for what the app's
 * file leaves open), and a note names each sub-project's config file that applied.
 *
 * <p>Shared by {@code check}, {@code scan} and {@code targets}; each config file is read once.
 */
public final class ConfigScopes {

    private final Path root;
    private final ProjectConfig runConfig;
    private final ProjectOptions cli;
    private final ProjectOptions runOptions;
    private final List<Finding> findings;
    private final Map<Path, Optional<Path>> nearest = new HashMap<>();
    private final Map<Path, Optional<ProjectConfig>> loaded = new LinkedHashMap<>();
    private final Map<Path, ProjectOptions> options = new HashMap<>();

    /**
     * @param cli      the options given on the command line (they win over every config file)
     * @param findings where the sub-project configs' own problems and the notes naming them go
     */
    public ConfigScopes(Path root, ProjectConfig runConfig, ProjectOptions cli, List<Finding> findings) {
        this.root = root.toAbsolutePath().normalize();
        this.runConfig = runConfig;
        this.cli = cli;
        this.runOptions = Preflight.withConfigDefaults(cli, runConfig);
        this.findings = findings;
    }

    /** Discovery under the root, each deploy file read with {@link #optionsFor its options}. */
    public Project discover() {
        return ProjectDiscovery.discover(root, runOptions, this::optionsFor);
    }

    /** The options of a run in the checked folder: the command line, then the run's config. */
    public ProjectOptions runOptions() {
        return runOptions;
    }

    public ProjectConfig runConfig() {
        return runConfig;
    }

    /**
     * The options for reading {@code path} (a deploy file or a folder): the command line, then the config of the
     * sub-project that holds it, then the run's config. The same object for every path of one sub-project.
     */
    public ProjectOptions optionsFor(Path path) {
        Optional<Path> sub = subConfigFile(path);
        if (sub.isEmpty()) {
            return runOptions;
        }
        Optional<ProjectConfig> c = loaded.get(sub.get());
        if (c.isEmpty()) {
            return runOptions;
        }
        return options.computeIfAbsent(sub.get(),
                f -> Preflight.withConfigDefaults(Preflight.withConfigDefaults(cli, c.get()), runConfig));
    }

    /** The sub-project config that holds {@code path}, with its folder, if any (read on first use). */
    public Optional<SubProject> subProjectOf(Path path) {
        return subConfigFile(path).flatMap(f -> loaded.get(f).map(c -> new SubProject(f.getParent(), c)));
    }

    /**
     * The SDK wrappers of the run's config and of every sub-project config read so far (wrappers are dotted names of
     * the code's own modules, so one scanner holds them all).
     */
    public List<SdkWrapper> sdkWrappers() {
        List<SdkWrapper> out = new ArrayList<>(runConfig.sdkWrappers());
        loaded.values().forEach(c -> c.ifPresent(x -> out.addAll(x.sdkWrappers())));
        return out;
    }

    /** Every sub-project config read so far, deepest folders first (so the nearest one is applied first). */
    public List<SubProject> subProjects() {
        List<SubProject> out = new ArrayList<>();
        loaded.forEach((f, c) -> c.ifPresent(x -> out.add(new SubProject(f.getParent(), x))));
        out.sort((a, b) -> Integer.compare(b.folder().getNameCount(), a.folder().getNameCount()));
        return out;
    }

    /** The config file nearest above {@code path} when it lies strictly inside the root and is not the run's own. */
    private Optional<Path> subConfigFile(Path path) {
        Path abs = root.resolve(path).toAbsolutePath().normalize();
        Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
        if (dir == null || !dir.startsWith(root) || dir.equals(root)) {
            return Optional.empty();
        }
        // The nearest config file above the folder (ConfigLoader.find, so a pipe or device by that name is read and
        // reported, not skipped); it speaks for the folder when it lies strictly inside the root and is not the run's.
        return nearest.computeIfAbsent(dir, d -> ConfigLoader.find(d)
                .filter(f -> f.getParent().startsWith(root) && !f.getParent().equals(root) && !isRunConfig(f))
                .map(f -> {
                    loaded.computeIfAbsent(f, this::load);
                    return f;
                }));
    }

    private boolean isRunConfig(Path f) {
        return runConfig.file().map(r -> r.toAbsolutePath().normalize().equals(f)).orElse(false);
    }

    private Optional<ProjectConfig> load(Path file) {
        String shown = DisplayPaths.rel(root, file);
        ConfigLoader.Loaded l = ConfigLoader.load(file, shown);
        findings.addAll(l.findings());
        String folder = DisplayPaths.rel(root, file.getParent());
        findings.add(new Finding(InfraRules.CONFIG_SUB_PROJECT, Severity.NOTE, "the deploy files under '" + folder
                + "' are read and checked with its own config file '" + shown + "' (its settings first, then "
                + runConfig.file().map(f -> "this run's '" + DisplayPaths.rel(root, f) + "'").orElse("the defaults")
                + ")", SourceLocation.of(shown)));
        return Optional.of(l.config());
    }
}
