package dev.iampreflight.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.check.TargetCode;
import dev.iampreflight.code.ScanResult;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.UserException;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.require.PolicyWriter;
import dev.iampreflight.require.Requirement;
import dev.iampreflight.require.RequirementMapper;
import dev.iampreflight.require.TargetContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code iam-preflight scan [DIR]}: lists the SDK calls of a Python project and the permissions each needs. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = {"List the AWS SDK (boto3) calls in a Python project, with file:line, service, "
        + "operation, confidence and the IAM actions and resources each needs.",
        "--format policy prints a least-privilege policy for them."})
public final class ScanCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Project directory (default: .).")
    Path dir = Path.of(".");

    @Mixin
    OutputOptions.Scan output;

    @Option(names = "--account-id", paramLabel = "ID", description = "AWS account id for resource ARNs "
            + "(default: unknown, written {?}).")
    String accountId;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region for resource ARNs "
            + "(default: unknown, written {?}).")
    String region;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable the code reads "
            + "(os.environ / os.getenv), as the deploy target sets it. Repeatable.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "NAME", description = "Only this deploy target (see 'targets'); "
            + "with --format policy, the target whose policy to print (needed when there are several).")
    String target;

    @Override
    protected void validate() {
        if (!Files.exists(dir)) {
            throw new UserException("'" + dir + "' does not exist; give the directory of a Python project");
        }
        if (accountId != null && !accountId.matches("\\d{12}")) {
            throw new UserException("--account-id '" + accountId + "' is not a 12-digit AWS account id");
        }
    }

    @Override
    protected ExitCode execute() throws IOException {
        KnowledgeBase kb = KnowledgeBase.bundled();
        Path root = dir.toAbsolutePath().normalize();
        List<DeployTarget> discovered = List.of();
        // The config's sdk-wrappers are calls as much for scan as for check.
        ConfigLoader.Loaded config = Files.isDirectory(root) ? ConfigLoader.loadFor(root, Optional.empty()) : null;
        List<dev.iampreflight.code.SdkWrapper> wrappers = List.of();
        if (config != null) {
            // The deploy targets say which code runs where and with which environment; without any, the whole
            // directory is one "default" target with the --env given here.
            List<dev.iampreflight.core.Finding> ignored = new ArrayList<>();
            dev.iampreflight.check.ConfigScopes scopes = new dev.iampreflight.check.ConfigScopes(root,
                    config.config(), ProjectOptions.defaults().withAccount(accountId, region), ignored);
            discovered = dev.iampreflight.check.ConfiguredTargets.apply(root, scopes, scopes.discover().targets(),
                    ignored);
            wrappers = scopes.sdkWrappers();
        }
        PythonScanner scanner = PythonScanner.withKnowledgeBase(kb, wrappers);
        ScanResult result;
        List<TargetContext> targets = new ArrayList<>();
        Map<TargetContext, List<SdkCall>> callsOf = new LinkedHashMap<>();
        List<SdkCall> unreachable = List.of();
        // Calls a target reaches but whose branch its environment does not take.
        java.util.Set<SdkCall> guardedOff = new java.util.HashSet<>();
        if (discovered.isEmpty()) {
            ScanResult scanned = scanner.scan(dir);
            TargetContext defaults = TargetContext.defaults(Optional.ofNullable(accountId),
                    Optional.ofNullable(region));
            TargetContext only = new TargetContext(defaults.name(), env, defaults.account(), defaults.region(),
                    defaults.partition(), List.of(dir));
            targets.add(only);
            // A call under a branch that --env decides against is not run (the branch may hold without --env).
            List<SdkCall> runs = new ArrayList<>();
            List<SdkCall> off = new ArrayList<>();
            for (SdkCall c : scanned.calls()) {
                (c.runsFor(env) ? runs : off).add(c);
            }
            result = new ScanResult(runs, scanned.findings(), scanned.filesScanned());
            callsOf.put(only, runs);
            unreachable = off;
            guardedOff.addAll(off);
        } else {
            TargetCode code = new TargetCode(root, scanner);
            List<Finding> findings = new ArrayList<>();
            java.util.TreeSet<SdkCall> all = new java.util.TreeSet<>(java.util.Comparator.comparing(SdkCall::location)
                    .thenComparing(SdkCall::service).thenComparing(SdkCall::operation));
            for (DeployTarget t : discovered) {
                TargetContext c = TargetCode.context(t, root);
                Map<String, String> environment = new LinkedHashMap<>(c.environment());
                environment.putAll(env);
                TargetContext ctx = new TargetContext(c.name(), environment, c.account(), c.region(), c.partition(),
                        c.codeRoots());
                List<SdkCall> calls = code.calls(t, findings);
                targets.add(ctx);
                callsOf.put(ctx, calls);
                all.addAll(calls);
            }
            result = new ScanResult(new ArrayList<>(all), findings, code.filesScanned());
            // A call that no target runs (a module nothing imports, a helper no handler reaches) is charged to none.
            java.util.Set<SdkCall> none = new java.util.TreeSet<>(all.comparator());
            none.addAll(code.scannedCalls());
            none.removeAll(all);
            unreachable = new ArrayList<>(none);
            guardedOff.addAll(code.guardedOff());
        }
        if (target != null && targets.stream().noneMatch(t -> t.name().equals(target))) {
            throw new UserException("--target '" + target + "' is not a deploy target; known: "
                    + String.join(", ", targets.stream().map(TargetContext::name).toList()));
        }
        if (target != null) {
            TargetContext chosen = targets.stream().filter(t -> t.name().equals(target)).findFirst().orElseThrow();
            targets = List.of(chosen);
            result = new ScanResult(callsOf.get(chosen), result.findings(), result.filesScanned());
            unreachable = List.of();
        } else if (output.format() == OutputFormat.policy && targets.size() > 1) {
            throw new UserException("--format policy prints the policy of one deploy target; choose it with "
                    + "--target (" + String.join(", ", targets.stream().map(TargetContext::name).toList()) + ")");
        }
        RequirementMapper mapper = new RequirementMapper(kb).forProject(result.calls());
        Map<SdkCall, Map<TargetContext, List<Requirement>>> reqs = new LinkedHashMap<>();
        for (SdkCall c : result.calls()) {
            reqs.put(c, new LinkedHashMap<>());
        }
        for (TargetContext t : targets) {
            for (SdkCall c : callsOf.get(t)) {
                // Two targets may see one call site with different details (a rebased path): keep each.
                reqs.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(t, mapper.requirements(c, t));
            }
        }
        String report = switch (output.format()) {
            case json -> json(result, reqs, unreachable, guardedOff);
            case policy -> policy(reqs, target == null ? targets.get(0).name() : target);
            default -> text(result, reqs, unreachable, guardedOff);
        };
        emit(output, report);
        if (output.format() != OutputFormat.text) {
            for (Finding f : result.findings()) {
                console().err().println(f);
            }
            console().err().flush();
        }
        return ExitCode.OK;
    }

    /** Said of a call no deploy target runs, in text and JSON. */
    static final String UNREACHABLE = "unreachable from any handler";
    /** Said of a call that targets reach but under a branch none of their environments takes. */
    static final String BRANCH_NOT_TAKEN = "its branch is not taken in any target's environment";

    private static String reason(SdkCall c, java.util.Set<SdkCall> guardedOff) {
        return guardedOff.contains(c) ? BRANCH_NOT_TAKEN : UNREACHABLE;
    }

    private String text(ScanResult result, Map<SdkCall, Map<TargetContext, List<Requirement>>> reqs,
                        List<SdkCall> unreachable, java.util.Set<SdkCall> guardedOff) {
        StringBuilder sb = new StringBuilder();
        Console con = console();
        for (Finding f : result.findings()) {
            sb.append(con.style(Console.YELLOW, f.toString())).append('\n');
        }
        for (Map.Entry<SdkCall, Map<TargetContext, List<Requirement>>> e : reqs.entrySet()) {
            SdkCall c = e.getKey();
            callLine(sb, con, c);
            boolean any = false;
            for (Map.Entry<TargetContext, List<Requirement>> t : e.getValue().entrySet()) {
                for (Requirement r : t.getValue()) {
                    any = true;
                    sb.append("    ").append(t.getKey().name()).append(": ").append(r.action()).append(' ')
                            .append(r.resource());
                    if (!r.context().isEmpty()) {
                        sb.append(con.style(Console.DIM, "  " + r.context()));
                    }
                    r.onlyWhen().ifPresent(w -> sb.append(con.style(Console.DIM, "  (only if " + w + ")")));
                    sb.append('\n');
                }
            }
            if (!any) {
                sb.append(con.style(Console.DIM, "    (no permission needed, or operation not known)")).append('\n');
            }
        }
        for (SdkCall c : unreachable) {
            callLine(sb, con, c);
            sb.append(con.style(Console.DIM, "    " + reason(c, guardedOff) + ": not charged to any target"))
                    .append('\n');
        }
        int files = result.filesScanned();
        sb.append(reqs.size()).append(" SDK call").append(reqs.size() == 1 ? "" : "s").append(" in ").append(files)
                .append(" Python file").append(files == 1 ? "" : "s");
        if (!unreachable.isEmpty()) {
            sb.append("; ").append(unreachable.size()).append(" more ").append(unreachable.stream()
                    .anyMatch(guardedOff::contains) ? "not charged to any target" : UNREACHABLE);
        }
        return sb.append('\n').toString();
    }

    private static void callLine(StringBuilder sb, Console con, SdkCall c) {
        sb.append(con.style(Console.BOLD, c.location().toString())).append("  ").append(c.service()).append('.')
                .append(c.operation()).append("  ").append(c.confidence() == dev.iampreflight.code.Confidence.HIGH
                        ? "high" : con.style(Console.YELLOW, "low")).append(con.style(Console.DIM,
                        "  in " + c.enclosingFunction() + " via " + c.via()
                        + (c.credentials().isDefault() ? "" : " as " + c.credentials().describe())
                        + c.guard().map(g -> " only if " + g.describe()).orElse(""))).append('\n');
    }

    private static String json(ScanResult result, Map<SdkCall, Map<TargetContext, List<Requirement>>> reqs,
                               List<SdkCall> unreachable, java.util.Set<SdkCall> guardedOff) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        ArrayNode calls = root.putArray("calls");
        for (Map.Entry<SdkCall, Map<TargetContext, List<Requirement>>> e : reqs.entrySet()) {
            ObjectNode o = callJson(calls, e.getKey());
            ArrayNode rs = o.putArray("requirements");
            for (Map.Entry<TargetContext, List<Requirement>> t : e.getValue().entrySet()) {
                for (Requirement r : t.getValue()) {
                    ObjectNode ro = rs.addObject();
                    ro.put("target", t.getKey().name());
                    ro.put("action", r.action());
                    ro.put("resource", r.resource());
                    r.onlyWhen().ifPresent(w -> ro.put("onlyIf", w));
                }
            }
        }
        ArrayNode none = root.putArray("unreachable");
        for (SdkCall c : unreachable) {
            callJson(none, c).put("reason", reason(c, guardedOff));
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            ObjectNode fo = findings.addObject();
            fo.put("ruleId", f.ruleId());
            fo.put("severity", f.severity().label());
            fo.put("message", f.message());
            ObjectNode loc = fo.putObject("location");
            loc.put("file", f.location().file());
            loc.put("line", f.location().line());
            loc.put("column", f.location().column());
        }
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            return om.writer(pp).writeValueAsString(root).replace("\r\n", "\n") + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ObjectNode callJson(ArrayNode into, SdkCall c) {
        ObjectNode o = into.addObject();
        o.put("service", c.service());
        o.put("operation", c.operation());
        o.put("confidence", c.confidence().name());
        ObjectNode loc = o.putObject("location");
        loc.put("file", c.location().file());
        loc.put("line", c.location().line());
        loc.put("column", c.location().column());
        o.put("function", c.enclosingFunction());
        if (c.via() != null) {
            o.put("via", c.via());
        }
        if (!c.credentials().isDefault()) {
            o.put("credentials", c.credentials().describe());
        }
        c.guard().ifPresent(g -> o.put("onlyIf", g.describe()));
        return o;
    }

    private static String policy(Map<SdkCall, Map<TargetContext, List<Requirement>>> reqs, String targetName) {
        List<Requirement> all = new ArrayList<>();
        for (Map<TargetContext, List<Requirement>> perTarget : reqs.values()) {
            perTarget.forEach((t, rs) -> {
                if (t.name().equals(targetName)) {
                    all.addAll(rs);
                }
            });
        }
        return PolicyWriter.write(all);
    }
}
