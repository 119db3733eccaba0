package dev.iampreflight.fix;

import dev.iampreflight.core.AtomicFiles;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Fix;
import dev.iampreflight.core.Fix.SnippetFormat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code check --fix [--dry-run]}: writes the fixes that name a JSON policy file (or, on a dry run, shows them as a
 * unified diff), and prints the snippet for the others (CloudFormation, SAM, Terraform), which it never edits.
 */
public final class FixRunner {

    /**
     * What was done: text for the user, the plans, findings for files that could not be fixed, and the files whose
     * fix could not be written (each with the reason; the run then ends with exit 2).
     */
    public record Outcome(String text, List<PolicyFixer.Plan> plans, List<Finding> findings, List<String> failures) {
        public Outcome {
            failures = List.copyOf(failures);
            plans = List.copyOf(plans);
            findings = List.copyOf(findings);
        }
    }

    private FixRunner() {
    }

    /** Policy file names in fixes are relative to {@code root} (or absolute). */
    public static Outcome run(List<Finding> findings, Path root, boolean dryRun) throws IOException {
        StringBuilder text = new StringBuilder();
        List<PolicyFixer.Plan> plans = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<PolicyFixer.Permission>> e : PolicyFixer.requests(findings).entrySet()) {
            PolicyFixer.Plan plan = PolicyFixer.plan(root.resolve(e.getKey()), e.getKey(), e.getValue());
            plans.add(plan);
            problems.addAll(plan.findings());
            if (!plan.findings().isEmpty() || !plan.changed()) {
                continue;
            }
            if (dryRun) {
                text.append(plan.diff());
            } else {
                try {
                    PolicyFixer.apply(plan);
                } catch (IOException ex) {
                    failures.add("'" + e.getKey() + "' could not be written (" + AtomicFiles.reason(ex)
                            + "); it is unchanged");
                    continue;
                }
                text.append("fixed ").append(e.getKey()).append(":\n");
                plan.changes().forEach(c -> text.append("  ").append(c).append('\n'));
            }
        }
        Set<String> shown = new LinkedHashSet<>();
        for (Finding f : findings) {
            if (f.fix().isEmpty() || f.fix().get().policyFile().isPresent()) {
                continue;
            }
            Fix fix = f.fix().get();
            SnippetFormat format = formatFor(f);
            String snippet = fix.snippet(format).orElse(fix.statementJson());
            String block = f.target().map(t -> t + ": ").orElse("") + fix.description() + " (add by hand):\n"
                    + indent(snippet) + "\n";
            if (shown.add(block)) {
                text.append(block);
            }
        }
        return new Outcome(text.toString(), plans, problems, failures);
    }

    /** The snippet a user can paste where the target's policy is written: Terraform, CloudFormation or JSON. */
    static SnippetFormat formatFor(Finding f) {
        String target = f.target().orElse("").toLowerCase(Locale.ROOT);
        if (target.startsWith("tf:") || target.startsWith("terraform:")) {
            return SnippetFormat.TERRAFORM;
        }
        if (target.startsWith("sam:") || target.startsWith("cfn:") || target.startsWith("cloudformation:")) {
            boolean json = f.related().stream().anyMatch(r -> r.location().file().toLowerCase(Locale.ROOT)
                    .endsWith(".json"));
            return json ? SnippetFormat.CLOUDFORMATION_JSON : SnippetFormat.CLOUDFORMATION_YAML;
        }
        return SnippetFormat.JSON;
    }

    private static String indent(String s) {
        return "    " + s.replace("\n", "\n    ");
    }
}
