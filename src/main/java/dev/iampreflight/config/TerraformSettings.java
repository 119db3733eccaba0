package dev.iampreflight.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code terraform} settings of {@code .iam-preflight.yml}: variable files read as {@code -var-file} would read
 * them (paths relative to the folder being checked) and the workspace, for every check and per stage.
 *
 * @param varFiles  variable files for every check, read after the root module's own tfvars files
 * @param workspace the workspace ({@code terraform.workspace}), which also picks workspace-named var files
 * @param stages    per {@code --stage NAME}: more var files (read after {@code varFiles}) and the workspace
 */
public record TerraformSettings(List<String> varFiles, Optional<String> workspace, Map<String, Stage> stages) {

    public static final TerraformSettings NONE = new TerraformSettings(List.of(), Optional.empty(), Map.of());

    public TerraformSettings {
        varFiles = List.copyOf(varFiles);
        stages = Map.copyOf(stages);
    }

    /** The settings of one stage. */
    public record Stage(List<String> varFiles, Optional<String> workspace) {
        public Stage {
            varFiles = List.copyOf(varFiles);
        }
    }

    /** The var files for a run with {@code stage}: the common ones, then the stage's. */
    public List<String> varFilesFor(Optional<String> stage) {
        List<String> out = new java.util.ArrayList<>(varFiles);
        stage.map(stages::get).ifPresent(s -> out.addAll(s.varFiles()));
        return out;
    }

    /** The workspace for a run with {@code stage}: the stage's, else the common one. */
    public Optional<String> workspaceFor(Optional<String> stage) {
        return stage.map(stages::get).flatMap(Stage::workspace).or(() -> workspace);
    }
}
