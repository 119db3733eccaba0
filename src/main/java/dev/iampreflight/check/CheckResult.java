package dev.iampreflight.check;

import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.config.SubProject;
import dev.iampreflight.core.Finding;
import dev.iampreflight.report.TargetSummary;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a preflight run before suppressions, baselines and rendering: every finding (input problems,
 * missing permissions, notes), the targets that were checked with their call counts, and the config that applies.
 *
 * @param checkedAnything false when no deploy target was found or every input was unreadable (exit 2)
 * @param lookedFor       what discovery looked for, for the message when nothing was found
 * @param subProjects     the sub-projects' config files that applied to parts of the tree (deepest first)
 */
public record CheckResult(Path root, List<Finding> findings, List<TargetSummary> targets, ProjectConfig config,
                          boolean checkedAnything, String lookedFor, List<SubProject> subProjects) {
    public CheckResult {
        findings = List.copyOf(findings);
        targets = List.copyOf(targets);
        subProjects = List.copyOf(subProjects);
    }

    public CheckResult(Path root, List<Finding> findings, List<TargetSummary> targets, ProjectConfig config,
                       boolean checkedAnything, String lookedFor) {
        this(root, findings, targets, config, checkedAnything, lookedFor, List.of());
    }

    public int calls() {
        return targets.stream().mapToInt(TargetSummary::calls).sum();
    }
}
