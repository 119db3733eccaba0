package dev.iampreflight.check;

import dev.iampreflight.check.internal.ArnPatterns;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.config.TargetSetting;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.internal.DisplayPaths;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The code that {@code .iam-preflight.yml} gives deploy targets whose deploy files do not show it ({@code targets:
 * {NAME: {code: [...], handler: ...}}}): an EC2 instance running a Django app, an ECS task whose image is built in
 * another repository. Each target takes the entry of the nearest config file above its declaration, so in a monorepo
 * each app's own {@code .iam-preflight.yml} speaks for the targets under it; the run's config file (the one found from
 * the checked folder upward, or {@code --config}) speaks for the others. Shared by {@code check}, {@code scan} and
 * {@code targets}.
 */
public final class ConfiguredTargets {

    private final Path root;
    private final ProjectConfig runConfig;
    private final List<Finding> findings;
    /** Sub-project config files (strictly inside the root) by path, read once. */
    private final Map<Path, Optional<ProjectConfig>> subConfigs = new HashMap<>();
    private final Map<Path, Optional<Path>> nearest = new HashMap<>();
    private final Set<TargetSetting> used = new HashSet<>();

    private ConfiguredTargets(Path root, ProjectConfig runConfig, List<Finding> findings) {
        this.root = root.toAbsolutePath().normalize();
        this.runConfig = runConfig;
        this.findings = findings;
    }

    /**
     * {@code targets} with the code the config files give them; problems (an entry naming no target, a sub-project
     * config's settings that only apply to a run in its folder) are added to {@code findings}.
     */
    public static List<DeployTarget> apply(Path root, ProjectConfig runConfig, List<DeployTarget> targets,
                                           List<Finding> findings) {
        return new ConfiguredTargets(root, runConfig, findings).run(targets);
    }

    private List<DeployTarget> run(List<DeployTarget> targets) {
        List<DeployTarget> out = new ArrayList<>();
        for (DeployTarget t : targets) {
            Optional<Path> sub = subConfigFor(t);
            Optional<Entry> e = sub.flatMap(f -> subConfigs.get(f).flatMap(c -> match(t, c, f.getParent())));
            if (e.isEmpty()) {
                e = match(t, runConfig, runConfig.file().map(f -> f.toAbsolutePath().normalize().getParent())
                        .orElse(root));
            }
            out.add(e.map(x -> withCode(t, x)).orElse(t));
        }
        List<TargetSetting> all = new ArrayList<>(runConfig.targets());
        subConfigs.values().forEach(c -> c.ifPresent(x -> all.addAll(x.targets())));
        for (TargetSetting s : all) {
            if (!used.contains(s)) {
                List<String> names = targets.stream().map(DeployTarget::name).limit(10).toList();
                findings.add(new Finding(InfraRules.CONFIG_TARGET_UNMATCHED, Severity.WARNING, "targets entry '"
                        + s.name() + "' names no deploy target" + (names.isEmpty() ? "" : " (found: "
                        + String.join(", ", names) + (targets.size() > names.size() ? ", ..." : "") + ")")
                        + ", so its code is given to nothing", s.location()));
            }
        }
        return out;
    }

    private record Entry(TargetSetting setting, Path base) {
    }

    private Optional<Entry> match(DeployTarget t, ProjectConfig c, Path base) {
        for (TargetSetting s : c.targets()) {
            if (s.name().equals(t.name()) || ArnPatterns.globMatches(s.name(), t.name())) {
                used.add(s);
                return Optional.of(new Entry(s, base));
            }
        }
        return Optional.empty();
    }

    private DeployTarget withCode(DeployTarget t, Entry e) {
        List<String> roots = new ArrayList<>();
        for (String c : e.setting().code()) {
            roots.add(DisplayPaths.rel(root, e.base().resolve(c).normalize()));
        }
        // gunicorn and uvicorn write module:app; the handler form is module.app.
        Optional<String> handler = e.setting().handler().map(h -> h.replace(':', '.'));
        return t.withCode(roots, handler);
    }

    /** The config file nearest above the target's declaration when it is inside the root (not the run's own). */
    private Optional<Path> subConfigFor(DeployTarget t) {
        Path declared = root.resolve(t.declaredIn().file()).normalize();
        Path dir = declared.getParent();
        if (dir == null || !dir.startsWith(root) || dir.equals(root)) {
            return Optional.empty();
        }
        return nearest.computeIfAbsent(dir, d -> {
            for (Path p = d; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                for (String name : ConfigLoader.FILE_NAMES) {
                    Path f = p.resolve(name);
                    if (java.nio.file.Files.isRegularFile(f)) {
                        subConfigs.computeIfAbsent(f, this::load);
                        return Optional.of(f);
                    }
                }
            }
            return Optional.empty();
        });
    }

    private Optional<ProjectConfig> load(Path file) {
        if (runConfig.file().map(f -> f.toAbsolutePath().normalize().equals(file)).orElse(false)) {
            return Optional.of(runConfig);
        }
        String shown = DisplayPaths.rel(root, file);
        ConfigLoader.Loaded loaded = ConfigLoader.load(file, shown);
        findings.addAll(loaded.findings());
        ProjectConfig c = loaded.config();
        Map<String, Boolean> ignored = new LinkedHashMap<>();
        ignored.put("rules", !c.rules().isEmpty());
        ignored.put("account-id", c.accountId().isPresent());
        ignored.put("region", c.region().isPresent());
        ignored.put("partition", c.partition().isPresent());
        ignored.put("parameters", !c.parameters().isEmpty());
        ignored.put("vars", !c.vars().isEmpty());
        ignored.put("sdk-wrappers", !c.sdkWrappers().isEmpty());
        ignored.put("ignore", !c.ignores().isEmpty());
        ignored.put("resource-policies", !c.resourcePolicies().isEmpty());
        List<String> keys = ignored.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        if (!keys.isEmpty()) {
            String folder = DisplayPaths.rel(root, file.getParent());
            findings.add(new Finding(InfraRules.CONFIG_SUB_PROJECT, Severity.NOTE, "'" + shown + "' is the config "
                    + "of the sub-project '" + folder + "': its targets entries apply to the targets declared "
                    + "under it, but its other settings (" + String.join(", ", keys) + ") apply only to a run in that folder "
                    + "(iam-preflight check " + folder + "); this run uses "
                    + runConfig.file().map(f -> "'" + DisplayPaths.rel(root, f) + "'").orElse("no config file")
                    + " for them", SourceLocation.of(shown)));
        }
        return Optional.of(c);
    }
}
