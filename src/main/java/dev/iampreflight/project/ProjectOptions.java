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
 * Terraform variables and variable files.
 */
public record ProjectOptions(Optional<String> stage, Optional<String> accountId, Optional<String> region,
                             String partition, Map<String, String> parameters, Optional<Path> parametersFile,
                             Map<String, String> vars, List<Path> varFiles) {

    public static final String DEFAULT_PARTITION = "aws";

    public ProjectOptions {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        varFiles = List.copyOf(varFiles);
        if (partition == null || partition.isBlank()) {
            partition = DEFAULT_PARTITION;
        }
    }

    public static ProjectOptions defaults() {
        return new ProjectOptions(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_PARTITION, Map.of(),
                Optional.empty(), Map.of(), List.of());
    }

    public ProjectOptions withStage(String s) {
        return new ProjectOptions(Optional.of(s), accountId, region, partition, parameters, parametersFile, vars,
                varFiles);
    }

    public ProjectOptions withAccount(String account, String reg) {
        return new ProjectOptions(stage, Optional.ofNullable(account), Optional.ofNullable(reg), partition,
                parameters, parametersFile, vars, varFiles);
    }

    public ProjectOptions withParameters(Map<String, String> p) {
        return new ProjectOptions(stage, accountId, region, partition, p, parametersFile, vars, varFiles);
    }

    public ProjectOptions withVars(Map<String, String> v) {
        return new ProjectOptions(stage, accountId, region, partition, parameters, parametersFile, v, varFiles);
    }

    /** The account id or {@code {?}}. */
    public String accountOrUnknown() {
        return accountId.orElse(SymbolicValue.UNKNOWN);
    }

    public String regionOrUnknown() {
        return region.orElse(SymbolicValue.UNKNOWN);
    }
}
