package dev.iampreflight.check;

import dev.iampreflight.check.internal.ArnPatterns;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.config.TargetSetting;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.internal.DisplayPaths;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The code that {@code .iam-preflight.yml} gives deploy targets whose deploy files do not show it ({@code targets:
 * {NAME: {code: [...], handler: ...}}}): an EC2 instance running a Django app, an ECS task whose image is built in
 * another repository. Each target takes the entry of the nearest config file above its declaration
 * ({@link ConfigScopes}), so in a monorepo each app's own {@code .iam-preflight.yml} speaks for the targets under it;
 * the run's config file (the one found from the checked folder upward, or {@code --config}) speaks for the others.
 * Shared by {@code check}, {@code scan} and {@code targets}.
 */
public final class ConfiguredTargets {

    private final Path root;
    private final ConfigScopes scopes;
    private final List<Finding> findings;
    private final Set<TargetSetting> used = new HashSet<>();

    private ConfiguredTargets(Path root, ConfigScopes scopes, List<Finding> findings) {
        this.root = root.toAbsolutePath().normalize();
        this.scopes = scopes;
        this.findings = findings;
    }

    /**
     * {@code targets} with the code the config files give them; an entry naming no target is reported in
     * {@code findings}.
     */
    public static List<DeployTarget> apply(Path root, ConfigScopes scopes, List<DeployTarget> targets,
                                           List<Finding> findings) {
        return new ConfiguredTargets(root, scopes, findings).run(targets);
    }

    private List<DeployTarget> run(List<DeployTarget> targets) {
        List<DeployTarget> out = new ArrayList<>();
        ProjectConfig runConfig = scopes.runConfig();
        for (DeployTarget t : targets) {
            Optional<dev.iampreflight.config.SubProject> sub = scopes.subProjectOf(root.resolve(t.declaredIn().file()));
            Optional<Entry> e = sub.flatMap(x -> match(t, x.config(), x.folder()));
            if (e.isEmpty()) {
                e = match(t, runConfig, runConfig.file().map(f -> f.toAbsolutePath().normalize().getParent())
                        .orElse(root));
            }
            out.add(e.map(x -> withCode(t, x)).orElse(t));
        }
        List<TargetSetting> all = new ArrayList<>(runConfig.targets());
        scopes.subProjects().forEach(c -> all.addAll(c.config().targets()));
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
}
