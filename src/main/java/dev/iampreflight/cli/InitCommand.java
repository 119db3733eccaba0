package dev.iampreflight.cli;

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

    /** Where the hook and action live, for the printed snippets. */
    static final String REPOSITORY = "https://github.com/iam-preflight/iam-preflight";
    static final String ACTION = "iam-preflight/iam-preflight";

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

    static String preCommitEntry(String version) {
        return """
                repos:
                  - repo: %s
                    rev: v%s
                    hooks:
                      - id: iam-preflight
                """.formatted(REPOSITORY, version);
    }

    static String workflowStep(String version) {
        return """
                      - uses: %s@v%s
                        with:
                          fail-on: error
                """.formatted(ACTION, version);
    }
}
