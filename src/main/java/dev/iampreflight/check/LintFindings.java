package dev.iampreflight.check;

import dev.iampreflight.config.LintSetting;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.config.RuleSetting;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.rules.Lint;
import dev.iampreflight.rules.Linter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lint rules (IAM2xxx) as {@code check} runs them: on the policies the project declares and on its deploy files
 * (the incident lints), unless the config file says {@code lint: false}; with {@code lint: SEVERITY}, only the lint
 * findings at that severity or above (after the {@code rules} overrides). The findings then go through the same
 * suppressions, baseline, {@code --fail-on} and reporters as check's own. A lint finding at the very place of an
 * input finding check already reports (IAM00xx/IAM01xx: the readers' and the policy parser's) says the same defect
 * twice: the input finding is kept and the lint finding dropped.
 */
final class LintFindings {

    private LintFindings() {
    }

    static List<Finding> of(Project project, List<ResourcePolicy> resourcePolicies, ProjectConfig config,
                            KnowledgeBase kb, TargetCode code, List<Finding> already) {
        LintSetting setting = config.lint();
        if (!setting.enabled()) {
            return List.of();
        }
        // Declared resource policies come from the config file (files outside the project's own deploy files).
        List<ResourcePolicy> declared = resourcePolicies.stream()
                .filter(rp -> !project.resourcePolicies().all().contains(rp)).toList();
        Set<SourceLocation> inputFindings = new HashSet<>();
        for (Finding f : already) {
            if (f.ruleId().startsWith("IAM00") || f.ruleId().startsWith("IAM01")) {
                inputFindings.add(f.location());
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : Lint.ofProject(project, declared, new Linter(kb), t -> code.calls(t, new ArrayList<>()))) {
            Severity effective = config.rule(f.ruleId()).flatMap(RuleSetting::severity).orElse(f.severity());
            if (setting.keeps(effective) && !inputFindings.contains(f.location())) {
                out.add(f);
            }
        }
        return out;
    }
}
