package dev.iampreflight.cli;

import dev.iampreflight.check.CheckOptions;
import dev.iampreflight.check.CheckResult;
import dev.iampreflight.check.Preflight;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.Workflow;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.UserException;
import dev.iampreflight.eval.aws.AwsSimulator;
import dev.iampreflight.fix.FixRunner;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.report.Gate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code iam-preflight check [DIR]}: the preflight end to end. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Finds the deploy targets under DIR (Chalice, CloudFormation/SAM, Terraform), the AWS SDK calls "
                + "their code makes, and reports every permission the code needs that its policies do not grant.",
                "Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 when nothing could be checked."})
public final class CheckCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The project directory (default: the current directory).")
    Path dir;

    @Mixin
    OutputOptions.Report output;

    @Option(names = "--target", paramLabel = "NAME", description = "Check only this deploy target (a name or a glob "
            + "such as 'chalice:dev:*'; repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--allow-outside-files", description = "Read files the configuration names outside DIR "
            + "(resource-policies entries); they are not read otherwise, because findings quote their contents.")
    boolean allowOutsideFiles;

    @Mixin
    ProjectOptionsMixin project;

    @Mixin
    CheckWorkflowOptions workflow;

    @Mixin
    SimulatorOptions simulator;

    @Override
    protected void validate() {
        workflow.validate();
        project.validate();
        simulator.validate();
        if (!Files.isDirectory(dir)) {
            throw new UserException("'" + dir + "' is not a directory");
        }
    }

    @Override
    protected ExitCode execute() throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        ProjectOptions po = project.toProjectOptions();
        Workflow.Options wo = workflow.workflow(root, LocalDate.now());
        CheckOptions options = new CheckOptions(root, targets, po, wo.config(), allowOutsideFiles);
        Console console = console();
        Optional<AwsSimulator> aws = simulator.simulator(po.region(), console.err(), verbosity.verbosity());
        Preflight preflight = new Preflight(KnowledgeBase.bundled(), simulator.simulation(aws));
        RunNarrator narrator = Main.narrator(spec.commandLine(), verbosity);
        CheckResult result;
        try {
            result = preflight.run(options, narrator);
        } finally {
            narrator.finish();
        }
        SimulatorOptions.printStats(aws, console.err(), verbosity.verbosity());
        if (!result.checkedAnything()) {
            String nothing = "nothing to check: no deploy target found; looked for " + result.lookedFor();
            boolean unusableInput = result.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
            if (!unusableInput && output.output().isEmpty()) {
                for (Finding f : result.findings()) {
                    console.err().println(f);
                }
                throw new UserException(nothing);
            }
            // An input that cannot be read (a .tf file that is not valid HCL) is itself the result: it is reported
            // in the chosen format, located, so that CI and editors show where; the exit code still says that
            // nothing could be checked.
            // With --output the file is written whatever was found: a CI step uploads it after a failed run too.
            writeReport(output, root, result.findings(), result.targets(), Optional.of(nothing));
            console.err().println("iam-preflight: error: " + nothing);
            return ExitCode.USAGE;
        }
        // The preflight already reported the config file's own problems among its findings.
        ConfigLoader.Loaded config = new ConfigLoader.Loaded(result.config(), List.of());
        Workflow.Outcome outcome = Workflow.finish(result.findings(), config, result.subProjects(), wo);
        if (wo.writeBaseline().isPresent()) {
            if (verbosity.verbosity() >= 0) {
                console.err().println("iam-preflight: wrote a baseline of " + outcome.findings().size()
                        + " finding(s) to " + wo.writeBaseline().get());
            }
            return ExitCode.OK;
        }
        if (workflow.fix()) {
            FixRunner.Outcome fixed = FixRunner.run(outcome.findings(), root, workflow.dryRun());
            // The diff is the output of a text dry run; with another format (or --output) stdout holds the report,
            // so the diff goes to stderr and the report stays parseable.
            boolean diffIsTheOutput = workflow.dryRun() && output.format() == OutputFormat.text
                    && output.output().isEmpty();
            (diffIsTheOutput ? console.out() : console.err()).print(fixed.text());
            fixed.findings().forEach(console.err()::println);
            console.out().flush();
            console.err().flush();
            if (!fixed.failures().isEmpty()) {
                throw new UserException("--fix could not write every file: " + String.join("; ", fixed.failures()));
            }
            if (!workflow.dryRun() && fixed.plans().stream().anyMatch(p -> p.changed() && p.findings().isEmpty())) {
                // Report what is left after the fix, so the exit code says whether the project now passes.
                result = preflight.run(options);
                outcome = Workflow.finish(result.findings(), config, result.subProjects(), wo);
            }
        }
        writeReport(output, root, outcome.findings(), result.targets(), Optional.empty());
        return Gate.exitCode(outcome.findings(), workflow.failOn()) == 0 ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
