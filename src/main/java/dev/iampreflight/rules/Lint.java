package dev.iampreflight.rules;

import dev.iampreflight.core.Finding;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.project.ProjectOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A lint run: finds the policies under some paths and runs the rules on them. */
public final class Lint {

    /**
     * @param findings the rules' findings and the problems of reading the inputs, file names relative to the root
     * @param policies how many policy documents were linted
     */
    public record Result(List<Finding> findings, int policies) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    private Lint() {
    }

    public static Result run(Path root, List<Path> paths, ProjectOptions options, Linter linter) {
        PolicySources.Found found = PolicySources.find(root, paths, options);
        List<Finding> out = new ArrayList<>(found.findings());
        Path absRoot = root.toAbsolutePath().normalize();
        for (PolicySources.Group g : found.groups()) {
            for (Finding f : linter.lint(g.policies())) {
                out.add(PolicySources.rebase(f, g.base(), absRoot));
            }
        }
        return new Result(out, found.policyCount());
    }

    public static Result run(Path root, List<Path> paths, ProjectOptions options, KnowledgeBase kb) {
        return run(root, paths, options, new Linter(kb));
    }
}
