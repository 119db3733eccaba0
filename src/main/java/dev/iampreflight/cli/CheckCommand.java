package dev.iampreflight.cli;

import dev.iampreflight.check.CheckOptions;
import dev.iampreflight.check.CheckResult;
import dev.iampreflight.check.Preflight;
import dev.iampreflight.config.Baseline;
import dev.iampreflight.config.Suppressions;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.UserException;
import dev.iampreflight.fix.PolicyFixer;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.report.FailOn;
import dev.iampreflight.report.Gate;
import dev.iampreflight.report.Report;
import dev.iampreflight.report.ReportOptions;
import dev.iampreflight.report.Reporter;
import dev.iampreflight.report.Reporters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    OutputOptions output;

    @Option(names = "--target", paramLabel = "NAME", description = "Check only this deploy target (a name or a glob "
            + "such as 'chalice:dev:*'; repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--stage", paramLabel = "NAME", description = "Chalice: check only this stage.")
    String stage;

    @Option(names = "--account-id", paramLabel = "ID", description = "The AWS account the app deploys to.")
    String accountId;

    @Option(names = "--region", paramLabel = "REGION", description = "The region the app deploys to.")
    String region;

    @Option(names = "--partition", paramLabel = "NAME", description = "The partition (default: aws).")
    String partition;

    @Option(names = "--parameter", paramLabel = "KEY=VALUE", description = "CloudFormation parameter (repeatable).")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--parameters-file", paramLabel = "FILE", description = "CloudFormation parameters file.")
    Path parametersFile;

    @Option(names = "--var", paramLabel = "KEY=VALUE", description = "Terraform variable (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "FILE", description = "Terraform variables file (repeatable).")
    List<Path> varFiles = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "The config file (default: .iam-preflight.yml "
            + "found in DIR or a parent).")
    Path config;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit 1 when a finding is at or above LEVEL: ${COMPLETION-CANDIDATES} (default: error).")
    FailOn failOn = FailOn.error;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings not in this baseline.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Write the findings of this run as a "
            + "baseline (then exit 0).")
    Path writeBaseline;

    @Option(names = "--fix", description = "Write the missing statements into Chalice and plain JSON policy files "
            + "(CloudFormation and Terraform get the snippet printed).")
    boolean fix;

    @Option(names = "--dry-run", description = "With --fix: print the changes as a unified diff, write nothing.")
    boolean dryRun;

    @Override
    protected void validate() {
        if (output.format() == OutputFormat.policy) {
            throw new UserException("--format policy is a format of 'scan'; check supports text, json, sarif, "
                    + "github, junit and markdown");
        }
        if (dryRun && !fix) {
            throw new UserException("--dry-run goes with --fix");
        }
        if (!Files.isDirectory(dir)) {
            throw new UserException("'" + dir + "' is not a directory");
        }
    }

    @Override
    protected ExitCode execute() throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        ProjectOptions po = new ProjectOptions(Optional.ofNullable(stage), Optional.ofNullable(accountId),
                Optional.ofNullable(region), partition, parameters, Optional.ofNullable(parametersFile), vars,
                varFiles);
        CheckResult result = new Preflight(KnowledgeBase.bundled())
                .run(new CheckOptions(root, targets, po, Optional.ofNullable(config)));
        Console console = console();
        if (!result.checkedAnything()) {
            for (Finding f : result.findings()) {
                console.err().println(f);
            }
            throw new UserException("nothing to check: no deploy target found; looked for " + result.lookedFor());
        }
        Suppressions.Result kept = Suppressions.apply(result.findings(), result.config(), root,
                name -> read(root, name), LocalDate.now());
        List<Finding> findings = kept.findings();
        if (baseline != null) {
            Baseline.Loaded b = Baseline.read(baseline, baseline.toString());
            List<Finding> problems = b.findings();
            findings = new ArrayList<>(b.baseline().filter(findings, root));
            findings.addAll(problems);
        }
        if (writeBaseline != null) {
            Baseline.write(writeBaseline, findings, root);
            if (verbosity.verbosity() >= 0) {
                console.err().println("iam-preflight: wrote a baseline of " + findings.size() + " finding(s) to "
                        + writeBaseline);
            }
            return ExitCode.OK;
        }
        if (fix) {
            applyFixes(root, findings, console);
        }
        Report report = new Report(findings, result.targets(), root);
        Reporter reporter = Reporters.byName(output.format().name())
                .orElseThrow(() -> new UserException("unknown format " + output.format()));
        emit(output, reporter.render(report, new ReportOptions(console.color() && output.output().isEmpty(),
                VersionProvider.version(), System.getenv())));
        return Gate.exitCode(findings, failOn) == 0 ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private void applyFixes(Path root, List<Finding> findings, Console console) throws IOException {
        Map<String, List<PolicyFixer.Permission>> wanted = PolicyFixer.requests(findings);
        for (Map.Entry<String, List<PolicyFixer.Permission>> e : wanted.entrySet()) {
            PolicyFixer.Plan plan = PolicyFixer.plan(root.resolve(e.getKey()), e.getKey(), e.getValue());
            for (Finding f : plan.findings()) {
                console.err().println(f);
            }
            if (!plan.changed()) {
                continue;
            }
            if (dryRun) {
                console.out().print(plan.diff());
            } else if (PolicyFixer.apply(plan)) {
                console.err().println("iam-preflight: fixed " + e.getKey() + ": " + String.join("; ", plan.changes()));
            }
        }
        console.out().flush();
        console.err().flush();
    }

    private static Optional<String> read(Path root, String name) {
        try {
            Path p = root.resolve(name);
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
