package dev.iampreflight.check;

import dev.iampreflight.check.internal.ArnPatterns;
import dev.iampreflight.check.internal.ChaliceAttribution;
import dev.iampreflight.check.internal.MissingPermissionMessages;
import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.ResourcePolicyKind;
import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.eval.local.PreparedPolicySet;
import dev.iampreflight.fix.Fixes;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.PolicyOrigin;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ProjectDiscovery;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.project.SymbolicValue;
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.report.Rule;
import dev.iampreflight.report.TargetSummary;
import dev.iampreflight.require.Requirement;
import dev.iampreflight.require.RequirementMapper;
import dev.iampreflight.require.TargetContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The preflight: discover deploy targets, scan the code each one runs, turn every SDK call into the permissions it
 * needs, and evaluate each against the target's policies (identity, boundary, and the resource policy of the resource
 * when the project declares one) with the local engine. Pure: reads files, returns findings, prints nothing.
 */
public final class Preflight {

    private final KnowledgeBase kb;
    private final LocalEngine engine;
    private final RequirementMapper mapper;

    public Preflight(KnowledgeBase kb) {
        this.kb = kb;
        this.engine = LocalEngine.withBundledKnowledge();
        this.mapper = new RequirementMapper(kb);
    }

    public CheckResult run(CheckOptions options) {
        Path root = options.root();
        List<Finding> findings = new ArrayList<>();
        ConfigLoader.Loaded loaded = ConfigLoader.loadFor(root, options.config());
        ProjectConfig config = loaded.config();
        findings.addAll(loaded.findings());

        ProjectOptions po = withConfigDefaults(options.project(), config);
        Project project = ProjectDiscovery.discover(root, po);
        findings.addAll(project.findings());

        List<DeployTarget> targets = select(project.targets(), options.targets());
        String lookedFor = "Chalice apps (.chalice/config.json), CloudFormation/SAM templates (*.yaml, *.yml, *.json, "
                + "*.template) and Terraform (*.tf, plan JSON) under " + root
                + (options.targets().isEmpty() ? "" : " matching --target " + String.join(", ", options.targets()));
        if (targets.isEmpty()) {
            return new CheckResult(root, findings, List.of(), config, false, lookedFor);
        }

        List<ResourcePolicy> resourcePolicies = new ArrayList<>(project.resourcePolicies().all());
        resourcePolicies.addAll(DeclaredResourcePolicies.read(root, config, findings));

        PythonScanner scanner = PythonScanner.withKnowledgeBase(kb, wrappers(config));
        Map<Path, ScanResult> scans = new HashMap<>();
        List<TargetSummary> summaries = new ArrayList<>();
        for (DeployTarget t : targets) {
            summaries.add(checkTarget(t, targets, root, scanner, scans, resourcePolicies, findings));
        }
        return new CheckResult(root, findings, summaries, config, true, lookedFor);
    }

    /** Options given on the command line win; the config file fills in what they leave open. */
    static ProjectOptions withConfigDefaults(ProjectOptions po, ProjectConfig config) {
        Map<String, String> parameters = new LinkedHashMap<>(config.parameters());
        parameters.putAll(po.parameters());
        Map<String, String> vars = new LinkedHashMap<>();
        config.vars().forEach((k, v) -> {
            if (v instanceof ScalarNode s) {
                vars.put(k, s.text());
            }
        });
        vars.putAll(po.vars());
        return new ProjectOptions(po.stage(), po.accountId().or(config::accountId), po.region().or(config::region),
                po.partition().equals(ProjectOptions.DEFAULT_PARTITION) ? config.partition().orElse(po.partition())
                        : po.partition(),
                parameters, po.parametersFile(), vars, po.varFiles());
    }

    private static List<SdkWrapper> wrappers(ProjectConfig config) {
        List<SdkWrapper> out = new ArrayList<>();
        for (dev.iampreflight.config.SdkWrapper w : config.sdkWrappers()) {
            out.add(new SdkWrapper(w.function(), w.service(), w.operation(), w.arguments()));
        }
        return out;
    }

    /** Targets whose name equals or glob-matches one of {@code wanted} (all when none is given). */
    static List<DeployTarget> select(List<DeployTarget> all, List<String> wanted) {
        if (wanted.isEmpty()) {
            return all;
        }
        List<DeployTarget> out = new ArrayList<>();
        for (DeployTarget t : all) {
            for (String w : wanted) {
                if (ArnPatterns.globMatches(w, t.name())) {
                    out.add(t);
                    break;
                }
            }
        }
        return out;
    }

    private TargetSummary checkTarget(DeployTarget t, List<DeployTarget> all, Path root, PythonScanner scanner,
                                      Map<Path, ScanResult> scans, List<ResourcePolicy> resourcePolicies,
                                      List<Finding> findings) {
        List<SdkCall> calls = callsOf(t, all, root, scanner, scans, findings);
        Optional<AttachedPolicy> inAws = t.identityPolicies().stream()
                .filter(p -> p.origin() == PolicyOrigin.IN_AWS).findFirst()
                .or(() -> t.permissionBoundary().filter(p -> p.origin() == PolicyOrigin.IN_AWS));
        if (inAws.isPresent()) {
            AttachedPolicy p = inAws.get();
            findings.add(new Finding(Rule.CANNOT_CHECK.id(), Rule.CANNOT_CHECK.severity(),
                    "cannot check " + t.name() + " offline: its policy '" + p.reference().orElse(p.name())
                            + "' lives in AWS, so the " + calls.size() + " SDK call(s) its code makes were not "
                            + "evaluated; declare the policy in the project, or check the deployed role with the AWS "
                            + "IAM policy simulator (aws iam simulate-principal-policy --policy-source-arn ROLE_ARN)", p.source()).withTarget(t.name()));
            return new TargetSummary(t.name(), 0);
        }
        if (t.identityPolicies().stream().anyMatch(p -> p.origin() == PolicyOrigin.CHALICE_GENERATED)) {
            findings.addAll(ChaliceAttribution.autogenMisses(t, calls));
            return new TargetSummary(t.name(), calls.size());
        }

        TargetContext ctx = context(t, root);
        List<PolicyDocument> identity = new ArrayList<>();
        for (AttachedPolicy p : t.identityPolicies()) {
            p.document().ifPresent(identity::add);
        }
        List<PolicyDocument> boundary = t.permissionBoundary().flatMap(AttachedPolicy::document).stream().toList();
        PolicySet base = PolicySet.identity(identity).withPermissionBoundaries(boundary);
        PreparedPolicySet prepared = engine.prepare(base);
        Map<String, PreparedPolicySet> withResourcePolicy = new HashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        // A read of a bucket that the code itself writes with SSE-KMS needs kms:Decrypt too.
        RequirementMapper projectMapper = mapper.forProject(calls);
        for (SdkCall call : calls) {
            for (Requirement req : projectMapper.requirements(call, ctx)) {
                Optional<ResourcePolicy> rp = ArnPatterns.resourcePolicyFor(req.resource(), resourcePolicies);
                PreparedPolicySet set = rp.map(p -> withResourcePolicy.computeIfAbsent(p.resourceArn() + "#" + p.name(),
                        k -> engine.prepare(base.withResourcePolicy(p.document(), kindOf(p.kind()))))).orElse(prepared);
                Request request = request(t, req);
                Decision d = engine.evaluate(set, request);
                if (d.kind() == DecisionKind.ALLOWED) {
                    continue;
                }
                String key = req.action() + "|" + req.resource() + "|" + call.location();
                if (!reported.add(key)) {
                    continue;
                }
                findings.add(finding(t, req, d, rp));
            }
        }
        return new TargetSummary(t.name(), calls.size());
    }

    private static ResourcePolicyKind kindOf(ResourceKind k) {
        return k == ResourceKind.KMS_KEY ? ResourcePolicyKind.KMS_KEY : ResourcePolicyKind.GENERIC;
    }

    private static Request request(DeployTarget t, Requirement req) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        t.region().ifPresent(r -> context.put("aws:RequestedRegion", List.of(r)));
        req.context().forEach((k, v) -> context.put(k, List.of(v)));
        Optional<String> resourceAccount = ArnPatterns.account(req.resource()).or(t::account);
        return new Request(req.action(), req.resource(), Optional.of(t.principal()), resourceAccount, context);
    }

    private Finding finding(DeployTarget t, Requirement req, Decision d, Optional<ResourcePolicy> rp) {
        MissingPermissionMessages.Explained e = MissingPermissionMessages.explain(t, req, d, rp);
        Rule rule = d.kind() == DecisionKind.ALLOWED_FOR_SOME ? Rule.PARTIAL_PERMISSION : Rule.MISSING_PERMISSION;
        List<RelatedLocation> related = new ArrayList<>(e.related());
        Optional<String> policyFile = writablePolicyFile(t);
        Finding f = new Finding(rule.id(), rule.severity(), e.message(), req.call().location(), related)
                .withTarget(t.name()).withRequest(req.action(), req.resource());
        if (e.customFix().isPresent()) {
            f = f.withFix(e.customFix().get());
        } else if (e.fixable()) {
            // A policy cannot say "unknown": the unknown part of the resource becomes a wildcard, and the fix says so.
            String resource = req.resource().replace("{?}", "*");
            f = f.withFix(Fixes.allow("allow " + req.action() + " on " + resource + " for " + t.name()
                            + (resource.equals(req.resource()) ? "" : " (narrow the * to the real value if you know it)"),
                    List.of(req.action()), List.of(resource), policyFile));
        }
        return f;
    }

    /** The JSON policy file the tool may write a fix into: a Chalice stage policy file or a plain JSON policy file. */
    private static Optional<String> writablePolicyFile(DeployTarget t) {
        if (t.kind() != TargetKind.CHALICE) {
            return Optional.empty();
        }
        for (AttachedPolicy p : t.identityPolicies()) {
            if (p.origin() == PolicyOrigin.INLINE && p.document().isPresent()
                    && p.source().file().endsWith(".json")) {
                return Optional.of(p.source().file());
            }
        }
        return Optional.empty();
    }

    private static TargetContext context(DeployTarget t, Path root) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, SymbolicValue> e : t.environment().entrySet()) {
            env.put(e.getKey(), e.getValue().value());
        }
        List<Path> roots = new ArrayList<>();
        for (String r : t.codeRoots()) {
            roots.add(root.resolve(r));
        }
        return new TargetContext(t.name(), env, t.account(), t.region(), t.partition(), roots);
    }

    /** The calls in the code the target runs; each distinct scan root is scanned once per run. */
    private static List<SdkCall> callsOf(DeployTarget t, List<DeployTarget> all, Path root, PythonScanner scanner,
                                         Map<Path, ScanResult> scans, List<Finding> findings) {
        CodeScope scope = CodeScope.of(t, root);
        ScanResult r = scans.get(scope.scanRoot());
        if (r == null) {
            try {
                r = scanner.scan(scope.scanRoot());
            } catch (IOException e) {
                findings.add(new Finding(dev.iampreflight.core.ReservedRules.UNREADABLE, Severity.ERROR,
                        "cannot read the code of " + t.name() + " under '" + scope.display() + "': " + e.getMessage(),
                        SourceLocation.of(scope.display())));
                r = new ScanResult(List.of(), List.of(), 0);
            }
            scans.put(scope.scanRoot(), r);
            for (Finding f : r.findings()) {
                findings.add(scope.rebase(f));
            }
        }
        List<SdkCall> out = new ArrayList<>();
        for (SdkCall c : r.calls()) {
            SdkCall rebased = scope.rebase(c);
            if (scope.includes(rebased.location().file()) && ChaliceAttribution.belongsTo(t, all, rebased)) {
                out.add(rebased);
            }
        }
        return out;
    }

    /** Which code a target runs: the directory to scan and the files under it that count. */
    record CodeScope(Path root, Path scanRoot, String prefix, List<String> includes) {

        static CodeScope of(DeployTarget t, Path root) {
            List<String> roots = new ArrayList<>();
            for (String r : t.codeRoots()) {
                if (Files.exists(root.resolve(r))) {
                    roots.add(r.replace('\\', '/'));
                }
            }
            String base;
            if (roots.isEmpty()) {
                // No code root that exists (e.g. Terraform's filename names a built zip): scan beside the declaration.
                String declared = t.declaredIn().file();
                int slash = declared.lastIndexOf('/');
                base = slash < 0 ? "" : declared.substring(0, slash);
                return new CodeScope(root, base.isEmpty() ? root : root.resolve(base), prefix(base), List.of());
            }
            base = commonDirectory(roots, root);
            return new CodeScope(root, base.isEmpty() ? root : root.resolve(base), prefix(base), roots);
        }

        private static String prefix(String base) {
            return base.isEmpty() ? "" : base + "/";
        }

        private static String commonDirectory(List<String> roots, Path root) {
            String common = null;
            for (String r : roots) {
                String dir = Files.isDirectory(root.resolve(r)) ? stripSlash(r) : parent(r);
                common = common == null ? dir : commonPrefixDir(common, dir);
            }
            return common == null ? "" : common;
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }

        private static String parent(String file) {
            int slash = file.lastIndexOf('/');
            return slash < 0 ? "" : file.substring(0, slash);
        }

        private static String commonPrefixDir(String a, String b) {
            String[] pa = a.isEmpty() ? new String[0] : a.split("/");
            String[] pb = b.isEmpty() ? new String[0] : b.split("/");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(pa.length, pb.length) && pa[i].equals(pb[i]); i++) {
                sb.append(sb.length() == 0 ? "" : "/").append(pa[i]);
            }
            return sb.toString();
        }

        String display() {
            return prefix.isEmpty() ? "." : prefix;
        }

        boolean includes(String file) {
            if (includes.isEmpty()) {
                return true;
            }
            for (String inc : includes) {
                String dir = stripSlash(inc);
                if (file.equals(inc) || file.startsWith(dir + "/")) {
                    return true;
                }
            }
            return false;
        }

        SourceLocation rebase(SourceLocation l) {
            return new SourceLocation(prefix + l.file(), l.line(), l.column());
        }

        SdkCall rebase(SdkCall c) {
            return new SdkCall(c.service(), c.operation(), c.arguments(), c.confidence(), rebase(c.location()),
                    c.enclosingFunction(), c.via());
        }

        Finding rebase(Finding f) {
            return new Finding(f.ruleId(), f.severity(), f.message(), rebase(f.location()), f.related(), f.target(),
                    f.action(), f.resource(), f.fix());
        }
    }

}
