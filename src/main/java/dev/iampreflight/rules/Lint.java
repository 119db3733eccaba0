package dev.iampreflight.rules;

import dev.iampreflight.core.Finding;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.rules.internal.FactsReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A lint run: finds the policies under some paths and runs the rules on them, then runs the incident lints on what
 * each path's deploy files and code say beyond their policies ({@link ProjectFacts}).
 */
public final class Lint {

    /**
     * @param findings the rules' findings and the problems of reading the inputs, file names relative to the root
     * @param policies how many policy documents were linted
     * @param apis     how many API definitions the incident lints read (a run with neither checked nothing)
     */
    public record Result(List<Finding> findings, int policies, int apis) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    private Lint() {
    }

    /**
     * @param declared resource policies the config file declares for resources outside the project (a KMS key policy
     *                 in another account), read by the incident lints
     * @param code     the calls of each target of a project discovery found, asked only when an incident lint needs
     *                 them
     */
    public static Result run(Path root, List<Path> paths, ProjectOptions options, Linter linter,
                             List<ResourcePolicy> declared, Function<Project, TargetCalls> code) {
        PolicySources.Found found = PolicySources.find(root, paths, options);
        List<Finding> out = new ArrayList<>(found.findings());
        Path absRoot = root.toAbsolutePath().normalize();
        for (PolicySources.Group g : found.groups()) {
            for (Finding f : linter.lint(g.policies())) {
                out.add(PolicySources.rebase(f, g.base(), absRoot));
            }
        }
        int apis = 0;
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            boolean dir = Files.isDirectory(abs);
            Path base = dir ? abs : abs.getParent();
            if (base == null || !dir && !Files.isRegularFile(abs)) {
                continue;
            }
            Project project = found.projects().get(base);
            ProjectFacts facts = FactsReader.read(base, Optional.ofNullable(project), declared,
                    callsOf(project, project == null ? null : code.apply(project)));
            apis += facts.apis().size();
            for (Finding f : linter.lint(facts)) {
                Finding r = PolicySources.rebase(f, base, absRoot);
                if (dir || absRoot.resolve(r.location().file()).normalize().equals(abs)) {
                    out.add(r);
                }
            }
        }
        return new Result(out, found.policyCount(), apis);
    }

    /**
     * The services a function's code calls, scanned only when the incident lints ask (a function in a private
     * subnet), from the project discovery found in the same folder.
     */
    private static FactsReader.Calls callsOf(Project project, TargetCalls code) {
        return (where, names) -> {
            if (project == null) {
                return Optional.empty();
            }
            for (DeployTarget t : project.targets()) {
                Path declared = project.resolve(t.declaredIn().file()).toAbsolutePath().normalize();
                boolean named = names.stream().anyMatch(n -> t.name().equals(n) || t.name().startsWith(n + "@"));
                if (named && (where.equals(declared) || where.equals(declared.getParent()))) {
                    Map<String, ProjectFacts.ServiceCall> services = new LinkedHashMap<>();
                    for (SdkCall c : code.of(t)) {
                        services.putIfAbsent(c.service(), new ProjectFacts.ServiceCall(c.service(), c.location()));
                    }
                    return Optional.of(List.copyOf(services.values()));
                }
            }
            return Optional.empty();
        };
    }

    /**
     * The lint findings of {@code check}: the rules on the policies the project declares, and the incident lints on
     * its deploy files, with the SDK calls {@code check} already scanned ({@code code}). File names are relative to
     * the project root, as check's own.
     */
    public static List<Finding> ofProject(Project project, List<ResourcePolicy> declared, Linter linter,
                                          TargetCalls code) {
        List<Finding> out = new ArrayList<>(linter.lint(PolicySources.policiesOf(project)));
        Path root = project.root().toAbsolutePath().normalize();
        out.addAll(linter.lint(FactsReader.read(root, Optional.of(project), declared, callsOf(project, code))));
        return out;
    }
}
