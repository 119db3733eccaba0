package dev.iampreflight.cli;

import dev.iampreflight.core.UserException;
import dev.iampreflight.project.ProjectOptions;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How to read a project's infrastructure (shared by {@code check} and {@code targets}). */
public final class ProjectOptionsMixin {

    @Option(names = "--stage", paramLabel = "NAME", description = "Chalice stage to read (default: every stage).")
    String stage;

    @Option(names = "--account-id", paramLabel = "ID",
            description = "AWS account id for ARNs (default: from .iam-preflight.yml, else unknown, {?}).")
    String accountId;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region for ARNs (default: from .iam-preflight.yml, else unknown, {?}).")
    String region;

    @Option(names = "--partition", paramLabel = "PARTITION", defaultValue = ProjectOptions.DEFAULT_PARTITION,
            description = "AWS partition for ARNs (default: ${DEFAULT-VALUE}).")
    String partition;

    @Option(names = "--parameter", paramLabel = "KEY=VALUE",
            description = "CloudFormation parameter value, overriding the template default (repeatable).")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--parameters-file", paramLabel = "FILE",
            description = "CloudFormation parameters: a JSON list of {\"ParameterKey\",\"ParameterValue\"} or a map.")
    Path parametersFile;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Terraform variable value (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "FILE", description = "Terraform variable file (repeatable).")
    List<Path> varFiles = new ArrayList<>();

    /** Rejects values that cannot be right; call from the command's {@code validate()}. */
    public void validate() {
        if (accountId != null && !accountId.matches("\\d{12}")) {
            throw new UserException("--account-id '" + accountId + "' is not a 12-digit AWS account id");
        }
        if (parametersFile != null && !Files.isRegularFile(parametersFile)) {
            throw new UserException("--parameters-file '" + parametersFile + "' does not exist");
        }
        for (Path f : varFiles) {
            if (!Files.isRegularFile(f)) {
                throw new UserException("--var-file '" + f + "' does not exist");
            }
        }
    }

    public ProjectOptions toProjectOptions() {
        return new ProjectOptions(Optional.ofNullable(stage), Optional.ofNullable(accountId),
                Optional.ofNullable(region), partition, parameters, Optional.ofNullable(parametersFile), vars,
                varFiles);
    }
}
