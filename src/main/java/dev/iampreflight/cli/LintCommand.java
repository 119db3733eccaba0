package dev.iampreflight.cli;

import dev.iampreflight.check.DeclaredResourcePolicies;
import dev.iampreflight.check.TargetCode;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.Workflow;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.UserException;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.report.Gate;
import dev.iampreflight.rules.Lint;
import dev.iampreflight.rules.Linter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code iam-preflight lint FILE|DIR...}: the policy lint rules (IAM2xxx) on the policies found in the paths. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Lints the IAM policy documents in FILE or DIR: standalone policy JSON files, Chalice policy "
                + "files, CloudFormation/SAM, Serverless and Terraform roles, policies and resource policies.",
                "Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 when no policy was found."})
public final class LintCommand extends BaseCommand {

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "Files or directories (default: the current "
            + "directory).")
    List<Path> paths = new ArrayList<>();

    @Mixin
    OutputOptions.Report output;

    @Mixin
    ProjectOptionsMixin project;

    @Mixin
    CheckWorkflowOptions workflow;

    @Override
    protected void validate() {
        if (output.format() == OutputFormat.policy) {
            throw new UserException("--format policy is a format of 'scan'; lint supports text, json, sarif, "
                    + "github, junit and markdown");
        }
        if (workflow.fix()) {
            throw new UserException("--fix is an option of 'check'; lint findings are fixed by hand");
        }
        workflow.validate();
        project.validate();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserException("'" + p + "' does not exist");
            }
        }
    }

    @Override
    protected ExitCode execute() throws IOException {
        List<Path> inputs = paths.isEmpty() ? List.of(Path.of(".")) : paths;
        // One directory is the project, as for check (its config file, names relative to it), and one file is read
        // in its folder; with several paths, names are relative to the current directory, the config file there.
        Path single = inputs.get(0).toAbsolutePath().normalize();
        Path root = inputs.size() > 1 ? Path.of("").toAbsolutePath()
                : Files.isDirectory(single) || single.getParent() == null ? single : single.getParent();
        ProjectOptions po = project.toProjectOptions();
        Workflow.Options wo = workflow.workflow(root, LocalDate.now());
        ConfigLoader.Loaded config = Workflow.config(wo);
        List<Finding> configFindings = new ArrayList<>();
        List<ResourcePolicy> declared = DeclaredResourcePolicies.read(root, config.config(), false, configFindings);
        KnowledgeBase kb = KnowledgeBase.bundled();
        Lint.Result read = Lint.run(root, inputs, po, new Linter(kb), declared, p -> TargetCode.forLint(p, kb));
        configFindings.addAll(read.findings());
        Lint.Result result = new Lint.Result(configFindings, read.policies(), read.apis());
        Console console = console();
        if (result.policies() == 0 && result.findings().isEmpty()) {
            throw new UserException("no IAM policy found in " + String.join(", ",
                    inputs.stream().map(Path::toString).toList()) + "; lint reads policy JSON files, Chalice "
                    + "projects, CloudFormation/SAM templates, Serverless services and Terraform configurations");
        }
        Workflow.Outcome outcome = Workflow.finish(result.findings(), config, wo);
        if (wo.writeBaseline().isPresent()) {
            if (verbosity.verbosity() >= 0) {
                console.err().println("iam-preflight: wrote a baseline of " + outcome.findings().size()
                        + " finding(s) to " + wo.writeBaseline().get());
            }
            return ExitCode.OK;
        }
        writeReport(output, root, outcome.findings(), List.of(), java.util.Optional.empty());
        if (result.policies() == 0 && result.apis() == 0) {
            console.err().println("iam-preflight: error: no IAM policy could be read");
            return ExitCode.USAGE;
        }
        return Gate.exitCode(outcome.findings(), workflow.failOn()) == 0 ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
