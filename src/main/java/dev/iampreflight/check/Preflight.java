package dev.iampreflight.check;

import dev.iampreflight.check.internal.ArnPatterns;
import dev.iampreflight.check.internal.ChaliceAttribution;
import dev.iampreflight.check.internal.MissingPermissionMessages;
import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.tree.JsonText;
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
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.report.Rule;
import dev.iampreflight.report.TargetSummary;
import dev.iampreflight.require.Requirement;
import dev.iampreflight.require.RequirementMapper;
import dev.iampreflight.require.TargetContext;

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
                + "*.template), Terraform (*.tf, plan JSON) and Serverless Framework services (serverless.yml) under "
                + root
                + (options.targets().isEmpty() ? "" : " matching --target " + String.join(", ", options.targets()));
        if (targets.isEmpty()) {
            return new CheckResult(root, findings, List.of(), config, false, lookedFor);
        }

        List<ResourcePolicy> resourcePolicies = new ArrayList<>(project.resourcePolicies().all());
        resourcePolicies.addAll(DeclaredResourcePolicies.read(root, config, findings));

        PythonScanner scanner = PythonScanner.withKnowledgeBase(kb, wrappers(config));
        TargetCode code = new TargetCode(root, scanner);
        List<TargetSummary> summaries = new ArrayList<>();
        for (DeployTarget t : targets) {
            summaries.add(checkTarget(t, root, code, resourcePolicies, findings));
        }
        return new CheckResult(root, findings, summaries, config, true, lookedFor);
    }

    /** Options given on the command line win; the config file fills in what they leave open. */
    public static ProjectOptions withConfigDefaults(ProjectOptions po, ProjectConfig config) {
        Map<String, String> parameters = new LinkedHashMap<>(config.parameters());
        parameters.putAll(po.parameters());
        Map<String, String> vars = new LinkedHashMap<>();
        // Lists and maps travel as JSON text, which the Terraform reader parses as HCL (as it does for -var).
        config.vars().forEach((k, v) -> vars.put(k, v instanceof ScalarNode s ? s.text() : JsonText.of(v)));
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

    private TargetSummary checkTarget(DeployTarget t, Path root, TargetCode code,
                                      List<ResourcePolicy> resourcePolicies, List<Finding> findings) {
        if (code.codeNotFound(t)) {
            findings.add(new Finding(Rule.CODE_NOT_FOUND.id(), Rule.CODE_NOT_FOUND.severity(),
                    "no code found for " + t.name() + ": it names neither a code folder in the project nor a handler "
                            + "(an ECS task or a container image built elsewhere), so the SDK calls it makes are not "
                            + "checked", t.declaredIn()).withTarget(t.name()));
            return new TargetSummary(t.name(), 0, TargetSummary.Evaluation.NONE);
        }
        List<SdkCall> calls = code.calls(t, findings);
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
            return new TargetSummary(t.name(), calls.size(), TargetSummary.Evaluation.NONE);
        }
        Optional<AttachedPolicy> unreadable = t.identityPolicies().stream()
                .filter(p -> p.document().isEmpty() && !p.documentUnknowable()).findFirst()
                .or(() -> t.permissionBoundary().filter(p -> p.document().isEmpty() && !p.documentUnknowable()));
        if (unreadable.isPresent()) {
            // Evaluating without it would report every call as denied: one note says why nothing was checked.
            AttachedPolicy p = unreadable.get();
            findings.add(new Finding(Rule.CANNOT_CHECK.id(), Rule.CANNOT_CHECK.severity(),
                    "cannot check " + t.name() + ": its policy '" + p.name() + "' could not be read (see the "
                            + "finding for that file), so the " + calls.size() + " SDK call(s) its code makes were "
                            + "not evaluated", p.source()).withTarget(t.name()));
            return new TargetSummary(t.name(), calls.size(), TargetSummary.Evaluation.NONE);
        }
        TargetContext ctx = TargetCode.context(t, root);
        if (t.identityPolicies().stream().anyMatch(p -> p.origin() == PolicyOrigin.CHALICE_GENERATED)) {
            findings.addAll(ChaliceAttribution.autogenMisses(t, calls, code.appCalls(t, findings),
                    code.generator(t), mapper.forProject(calls), ctx));
            return new TargetSummary(t.name(), calls.size(), TargetSummary.Evaluation.GENERATOR);
        }

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
        // A call matched by its method name only may be no SDK call at all (logger.info, f.close()): an error says
        // "certainly denied", which nobody can say of it.
        boolean guessed = req.call().confidence() == Confidence.LOW;
        String message = guessed ? e.message() + " The call was matched by its method name only (the receiver's type "
                + "was not inferred), so it may not be an AWS call at all" : e.message();
        Severity severity = guessed && rule.severity() == Severity.ERROR ? Severity.WARNING : rule.severity();
        Finding f = new Finding(rule.id(), severity, message, req.call().location(), related)
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
}
