package dev.iampreflight.config;

import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.core.tree.Node;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contents of {@code .iam-preflight.yml} (documented in docs/configuration.md). Every part is optional; an absent
 * file is {@link #empty()}. {@code vars} keeps Terraform variable values as located trees because they may be lists
 * or maps; {@code parameters} are CloudFormation parameter overrides, which are always strings; {@code targets} give
 * the code of deploy targets whose deploy files do not show it; {@code templateVars} are the values of Jinja template and
 * {@code ${VAR}} policy placeholders; {@code lint} says whether {@code check} runs the lint rules.
 */
public record ProjectConfig(Optional<Path> file, Map<String, RuleSetting> rules, Optional<String> accountId,
                            Optional<String> region, Optional<String> partition, Map<String, String> parameters,
                            Map<String, Node> vars, List<SdkWrapper> sdkWrappers, List<IgnoreEntry> ignores,
                            List<DeclaredResourcePolicy> resourcePolicies, List<TargetSetting> targets,
                            TerraformSettings terraform, TemplateVars templateVars, LintSetting lint) {

    public ProjectConfig(Optional<Path> file, Map<String, RuleSetting> rules, Optional<String> accountId,
                         Optional<String> region, Optional<String> partition, Map<String, String> parameters,
                         Map<String, Node> vars, List<SdkWrapper> sdkWrappers, List<IgnoreEntry> ignores,
                         List<DeclaredResourcePolicy> resourcePolicies, List<TargetSetting> targets,
                         TerraformSettings terraform, TemplateVars templateVars) {
        this(file, rules, accountId, region, partition, parameters, vars, sdkWrappers, ignores, resourcePolicies,
                targets, terraform, templateVars, LintSetting.DEFAULT);
    }

    public ProjectConfig(Optional<Path> file, Map<String, RuleSetting> rules, Optional<String> accountId,
                         Optional<String> region, Optional<String> partition, Map<String, String> parameters,
                         Map<String, Node> vars, List<SdkWrapper> sdkWrappers, List<IgnoreEntry> ignores,
                         List<DeclaredResourcePolicy> resourcePolicies, List<TargetSetting> targets,
                         TerraformSettings terraform) {
        this(file, rules, accountId, region, partition, parameters, vars, sdkWrappers, ignores, resourcePolicies,
                targets, terraform, TemplateVars.NONE);
    }

    public ProjectConfig(Optional<Path> file, Map<String, RuleSetting> rules, Optional<String> accountId,
                         Optional<String> region, Optional<String> partition, Map<String, String> parameters,
                         Map<String, Node> vars, List<SdkWrapper> sdkWrappers, List<IgnoreEntry> ignores,
                         List<DeclaredResourcePolicy> resourcePolicies) {
        this(file, rules, accountId, region, partition, parameters, vars, sdkWrappers, ignores, resourcePolicies,
                List.of(), TerraformSettings.NONE);
    }

    public ProjectConfig(Optional<Path> file, Map<String, RuleSetting> rules, Optional<String> accountId,
                         Optional<String> region, Optional<String> partition, Map<String, String> parameters,
                         Map<String, Node> vars, List<SdkWrapper> sdkWrappers, List<IgnoreEntry> ignores,
                         List<DeclaredResourcePolicy> resourcePolicies, List<TargetSetting> targets) {
        this(file, rules, accountId, region, partition, parameters, vars, sdkWrappers, ignores, resourcePolicies,
                targets, TerraformSettings.NONE);
    }

    public ProjectConfig {
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        sdkWrappers = List.copyOf(sdkWrappers);
        ignores = List.copyOf(ignores);
        resourcePolicies = List.copyOf(resourcePolicies);
        targets = List.copyOf(targets);
    }

    public static ProjectConfig empty() {
        return new ProjectConfig(Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), TerraformSettings.NONE, TemplateVars.NONE);
    }

    /** The user's setting for {@code ruleId} (ids are matched case-insensitively), if any. */
    public Optional<RuleSetting> rule(String ruleId) {
        for (Map.Entry<String, RuleSetting> e : rules.entrySet()) {
            if (e.getKey().equalsIgnoreCase(ruleId)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    public boolean enabled(String ruleId) {
        return rule(ruleId).map(RuleSetting::enabled).orElse(true);
    }
}
