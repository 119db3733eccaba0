package dev.iampreflight.project;

import dev.iampreflight.core.SymbolicValue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user told discovery: the Chalice stage to read (all stages when absent), the account, region and partition
 * (unknown when absent, partition {@code aws} by default), CloudFormation parameter overrides and parameter files,
 * Terraform variables, variable files and workspace, and the values of template variables ({@code template-vars}).
 *
 * @param varFiles  Terraform variable files ({@code --var-file}, then the configuration's), read after the root
 *                  module's own tfvars files
 * @param workspace the Terraform workspace ({@code terraform.workspace}); absent: the one
 *                  {@code .terraform/environment} names, else {@code default}
 */
public record ProjectOptions(Optional<String> stage, Optional<String> accountId, Optional<String> region,
                             String partition, Map<String, String> parameters, Optional<Path> parametersFile,
                             Map<String, String> vars, List<Path> varFiles, Optional<String> workspace,
                             Map<String, String> templateVars) {

    public static final String DEFAULT_PARTITION = "aws";

    public ProjectOptions {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        varFiles = List.copyOf(varFiles);
        templateVars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(templateVars));
        if (partition == null || partition.isBlank()) {
            partition = DEFAULT_PARTITION;
        }
    }

    public ProjectOptions(Optional<String> stage, Optional<String> accountId, Optional<String> region,
                          String partition, Map<String, String> parameters, Optional<Path> parametersFile,
                          Map<String, String> vars, List<Path> varFiles) {
        this(stage, accountId, region, partition, parameters, parametersFile, vars, varFiles, Optional.empty());
    }

    public ProjectOptions(Optional<String> stage, Optional<String> accountId, Optional<String> region,
                          String partition, Map<String, String> parameters, Optional<Path> parametersFile,
                          Map<String, String> vars, List<Path> varFiles, Optional<String> workspace) {
        this(stage, accountId, region, partition, parameters, parametersFile, vars, varFiles, workspace, Map.of());
    }

    public ProjectOptions withTemplateVars(Map<String, String> t) {
        return new ProjectOptions(stage, accountId, region, partition, parameters, parametersFile, vars, varFiles,
                workspace, t);
    }

    public static ProjectOptions defaults() {
        return new ProjectOptions(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_PARTITION, Map.of(),
                Optional.empty(), Map.of(), List.of());
    }

    public ProjectOptions withStage(String s) {
        return new ProjectOptions(Optional.of(s), accountId, region, partition, parameters, parametersFile, vars,
                varFiles, workspace, templateVars);
    }

    public ProjectOptions withAccount(String account, String reg) {
        return new ProjectOptions(stage, Optional.ofNullable(account), Optional.ofNullable(reg), partition,
                parameters, parametersFile, vars, varFiles, workspace, templateVars);
    }

    public ProjectOptions withParameters(Map<String, String> p) {
        return new ProjectOptions(stage, accountId, region, partition, p, parametersFile, vars, varFiles,
                workspace, templateVars);
    }

    public ProjectOptions withVars(Map<String, String> v) {
        return new ProjectOptions(stage, accountId, region, partition, parameters, parametersFile, v, varFiles,
                workspace, templateVars);
    }

    /** The account id or {@code {?}}. */
    public String accountOrUnknown() {
        return accountId.orElse(SymbolicValue.UNKNOWN);
    }

    public String regionOrUnknown() {
        return region.orElse(SymbolicValue.UNKNOWN);
    }
}
