package dev.iampreflight.cli;

import dev.iampreflight.core.ProjectHome;

import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.StarterConfig;
import dev.iampreflight.core.AtomicFiles;
import dev.iampreflight.core.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code iam-preflight init [DIR]}: writes a starter config and prints the pre-commit and GitHub Actions snippets. */
@Command(name = "init",
        description = "Write a starter .iam-preflight.yml into DIR, and print a pre-commit hook entry and a GitHub "
                + "Actions step that run iam-preflight.",
        mixinStandardHelpOptions = true)
public final class InitCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The project directory (default: the current directory).")
    Path dir;

    @Option(names = "--force", description = "Overwrite an existing .iam-preflight.yml.")
    boolean force;

    @Override
    protected void validate() {
        if (!Files.isDirectory(dir)) {
            throw new UserException("'" + dir + "' is not a directory");
        }
    }

    @Override
    protected ExitCode execute() throws IOException {
        Path file = dir.resolve(ConfigLoader.FILE_NAMES.get(0));
        for (String name : ConfigLoader.FILE_NAMES) {
            Path existing = dir.resolve(name);
            // With --force only the .yml file is replaced; a .yaml one beside it would still win the lookup order.
            if (Files.exists(existing) && (!force || !existing.equals(file))) {
                throw new UserException("'" + existing + "' already exists"
                        + (existing.equals(file) ? "; use --force to overwrite it" : "; remove it first"));
            }
        }
        AtomicFiles.write(file, StarterConfig.TEXT);
        PrintWriter out = console().out();
        if (verbosity.quiet()) {
            out.flush();
            return ExitCode.OK;
        }
        String version = VersionProvider.version();
        out.println("Wrote " + file + ".");
        out.println();
        out.println("To check before every commit, add this to .pre-commit-config.yaml:");
        out.println();
        out.println(preCommitEntry(version));
        out.println("To check every pull request (results in the Security tab), add this step to a GitHub Actions");
        out.println("job that has 'permissions: security-events: write', after actions/checkout:");
        out.println();
        out.println(workflowStep(version));
        out.flush();
        return ExitCode.OK;
    }

    /**
     * The pre-commit entry: the published repository's hook where this build says where it is published
     * ({@link ProjectHome}), otherwise a local hook that runs the {@code iam-preflight} on the PATH (pre-commit needs
     * no URL for it, so the snippet works as printed).
     */
    static String preCommitEntry(String version) {
        return ProjectHome.url().map(home -> """
                repos:
                  - repo: %s
                    rev: v%s
                    hooks:
                      - id: iam-preflight
                """.formatted(home, version)).orElse("""
                repos:
                  - repo: local
                    hooks:
                      - id: iam-preflight
                        name: iam-preflight
                        entry: iam-preflight check
                        language: system
                        pass_filenames: false
                        files: '(\\.(py|pyi|tf|tfvars|json|ya?ml|template)$|(^|/)\\.chalice/)'
                """);
    }

    /**
     * The workflow step: the published action where this build says where it is published on GitHub; otherwise the
     * composite action (action.yml) from a checkout of the iam-preflight sources next to the project's.
     */
    static String workflowStep(String version) {
        return ProjectHome.githubRepository().map(repo -> """
                      - uses: %s@v%s
                        with:
                          fail-on: error
                """.formatted(repo, version)).orElse("""
                      # action.yml of the iam-preflight sources, checked out into ./iam-preflight by an earlier step
                      - uses: ./iam-preflight
                        with:
                          fail-on: error
                """);
    }
}
