package dev.iampreflight.check;

import dev.iampreflight.check.internal.ArnPatterns;
import dev.iampreflight.check.internal.ChaliceAttribution;
import dev.iampreflight.check.internal.MissingPermissionMessages;
import dev.iampreflight.check.internal.PolicyVariants;
import dev.iampreflight.core.Condition;
import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.Credentials;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.JsonText;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.ElementCheck;
import dev.iampreflight.eval.PolicyTrace;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.StatementTrace;
import dev.iampreflight.eval.ResourcePolicyKind;
import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.eval.local.PreparedPolicySet;
import dev.iampreflight.fix.Fixes;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeclaredResource;
import dev.iampreflight.project.DeclaredRole;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.PolicyOrigin;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.report.Rule;
import dev.iampreflight.report.TargetSummary;
import dev.iampreflight.require.BucketAcls;
import dev.iampreflight.require.EventSources;
import dev.iampreflight.require.Requirement;
import dev.iampreflight.require.RequirementMapper;
import dev.iampreflight.require.ResourceKeys;
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
    /** Policy sets of targets whose roles other targets' code assumes, prepared once per run. */
    private final Map<String, PreparedPolicySet> preparedByTarget = new HashMap<>();

    private final Simulation simulation;
    /** What the project declares about its resources and roles, for the run in progress. */
    private List<DeclaredResource> declaredResources = List.of();
    private List<DeclaredRole> declaredRoles = List.of();

    public Preflight(KnowledgeBase kb) {
        this(kb, Simulation.local());
    }

    /** A preflight whose pairs are (also) decided by the AWS IAM policy simulator (see {@link Simulation}). */
    public Preflight(KnowledgeBase kb, Simulation simulation) {
        this.kb = kb;
        this.engine = LocalEngine.withBundledKnowledge();
        this.mapper = new RequirementMapper(kb);
        this.simulation = simulation;
    }

    public CheckResult run(CheckOptions options) {
        return run(options, RunListener.NONE);
    }

    /** A run that tells {@code listener} what it reads and how far it has got. */
    public CheckResult run(CheckOptions options, RunListener listener) {
        Path root = options.root();
        List<Finding> findings = new ArrayList<>();
        preparedByTarget.clear();
        ConfigLoader.Loaded loaded = ConfigLoader.loadFor(root, options.config());
        ProjectConfig config = loaded.config();
        findings.addAll(loaded.findings());
        listener.configuration(config.file());

        ConfigScopes scopes = new ConfigScopes(root, config, options.project(), findings);
        Project project = scopes.discover();
        findings.addAll(project.findings());
        listener.discovered(project.reads());

        List<DeployTarget> discovered = ConfiguredTargets.apply(root, scopes, project.targets(), findings);
        List<DeployTarget> targets = select(discovered, options.targets());
        String lookedFor = "Chalice apps (.chalice/config.json), CloudFormation/SAM templates (*.yaml, *.yml, *.json, "
                + "*.template), Terraform (*.tf, plan JSON) and Serverless Framework services (serverless.yml) under "
                + root
                + (options.targets().isEmpty() ? "" : " matching --target " + String.join(", ", options.targets()));
        long remoteModules = findings.stream().filter(f -> f.ruleId().equals(InfraRules.TF_REMOTE_MODULE)).count();
        if (targets.isEmpty() && remoteModules > 0) {
            // The functions may well be there, inside modules the snapshot does not hold: say so, not "nothing".
            lookedFor += "; " + remoteModules + " Terraform module call(s) come from a registry or git source and "
                    + "were not read (the IAM0123 notes name them), so deploy targets they declare are not known";
        }
        if (targets.isEmpty() && !discovered.isEmpty() && !options.targets().isEmpty()) {
            // The project has targets, just none of these names: list them, so a typo is one look away.
            List<String> names = discovered.stream().map(DeployTarget::name).distinct().toList();
            int shown = Math.min(names.size(), 20);
            lookedFor += "; the project's deploy targets are " + String.join(", ", names.subList(0, shown))
                    + (names.size() > shown ? " and " + (names.size() - shown) + " more (iam-preflight targets lists "
                    + "them all)" : "") + " (--target takes a name or a glob such as 'sam:*')";
        }
        if (targets.isEmpty()) {
            return new CheckResult(root, findings, List.of(), config, false, lookedFor, scopes.subProjects());
        }

        declaredResources = project.resources();
        declaredRoles = project.roles();
        List<ResourcePolicy> resourcePolicies = new ArrayList<>(project.resourcePolicies().all());
        resourcePolicies.addAll(DeclaredResourcePolicies.read(root, config, options.allowOutsideFiles(), findings));
        // A sub-project's config names its resource policies relative to its own folder.
        for (dev.iampreflight.config.SubProject sub : scopes.subProjects()) {
            resourcePolicies.addAll(DeclaredResourcePolicies.read(root, sub.config(), options.allowOutsideFiles(),
                    findings));
        }

        PythonScanner scanner = PythonScanner.withKnowledgeBase(kb, scopes.sdkWrappers());
        TargetCode code = new TargetCode(root, scanner);
        List<TargetSummary> summaries = new ArrayList<>();
        listener.targets(targets);
        code.lookahead(targets);
        for (DeployTarget t : targets) {
            int before = findings.size();
            summaries.add(checkTarget(t, root, code, resourcePolicies, findings, discovered));
            unsureReach(t, code, findings.subList(before, findings.size()));
            listener.targetChecked(t, summaries.size(), targets.size(), code.filesScanned());
        }
        findings.addAll(LintFindings.of(project, resourcePolicies, config, kb, code, findings));
        return new CheckResult(root, findings, summaries, config, true, lookedFor, scopes.subProjects());
    }

    /**
     * A target whose policy cannot be known offline: a note when its code makes no SDK call, a warning when calls
     * go unchecked, so that "0 calls checked" on a project whose code calls AWS is never a silent pass.
     */
    private static Severity cannotCheckSeverity(List<SdkCall> calls) {
        return calls.isEmpty() ? Rule.CANNOT_CHECK.severity() : Severity.WARNING;
    }

    /** Options given on the command line win; the config file fills in what they leave open. */
    public static ProjectOptions withConfigDefaults(ProjectOptions po, ProjectConfig config) {
        Map<String, String> parameters = new LinkedHashMap<>(config.parameters());
        parameters.putAll(po.parameters());
        Map<String, String> vars = new LinkedHashMap<>();
        // Lists and maps travel as JSON text, which the Terraform reader parses as HCL (as it does for -var).
        config.vars().forEach((k, v) -> vars.put(k, v instanceof ScalarNode s ? s.text() : JsonText.of(v)));
        vars.putAll(po.vars());
        // The configuration's Terraform var files (relative to the folder of .iam-preflight.yml) come before the
        // ones already given, as if given before them (Terraform lets a later file win): the command line's win over
        // a config's, and a sub-project's config's over the run's; a workspace on the command line wins, as --stage.
        java.nio.file.Path base = config.file().map(f -> f.toAbsolutePath().getParent())
                .orElse(java.nio.file.Path.of("").toAbsolutePath());
        List<java.nio.file.Path> varFiles = new ArrayList<>();
        config.terraform().varFilesFor(po.stage()).forEach(f -> varFiles.add(base.resolve(f).normalize()));
        varFiles.addAll(po.varFiles());
        Map<String, String> templateVars = new LinkedHashMap<>(config.templateVars().forStage(po.stage()));
        templateVars.putAll(po.templateVars());
        return new ProjectOptions(po.stage(), po.accountId().or(config::accountId), po.region().or(config::region),
                po.partition().equals(ProjectOptions.DEFAULT_PARTITION) ? config.partition().orElse(po.partition())
                        : po.partition(),
                parameters, po.parametersFile(), vars, varFiles,
                po.workspace().or(() -> config.terraform().workspaceFor(po.stage())), templateVars);
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
                                      List<ResourcePolicy> resourcePolicies, List<Finding> findings,
                                      List<DeployTarget> allTargets) {
        if (code.codeNotFound(t)) {
            findings.add(new Finding(Rule.CODE_NOT_FOUND.id(), Rule.CODE_NOT_FOUND.severity(),
                    code.codeNotFoundMessage(t), t.declaredIn()).withTarget(t.name()));
            return new TargetSummary(t.name(), 0, TargetSummary.Evaluation.NONE);
        }
        List<SdkCall> calls = code.calls(t, findings);
        Optional<String> deployedRole = simulation.deployedRole(t);
        if (deployedRole.isPresent()) {
            return checkDeployed(t, calls, TargetCode.context(t, root), deployedRole.get(), findings);
        }
        Optional<AttachedPolicy> inAws = t.identityPolicies().stream()
                .filter(p -> p.origin() == PolicyOrigin.IN_AWS).findFirst()
                .or(() -> t.permissionBoundary().filter(p -> p.origin() == PolicyOrigin.IN_AWS));
        if (inAws.isPresent()) {
            AttachedPolicy p = inAws.get();
            findings.add(new Finding(Rule.CANNOT_CHECK.id(), cannotCheckSeverity(calls),
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
            findings.add(new Finding(Rule.CANNOT_CHECK.id(), cannotCheckSeverity(calls),
                    "cannot check " + t.name() + ": its policy '" + p.name() + "' could not be read (see the "
                            + "finding for that file), so the " + calls.size() + " SDK call(s) its code makes were "
                            + "not evaluated", p.source()).withTarget(t.name()));
            return new TargetSummary(t.name(), calls.size(), TargetSummary.Evaluation.NONE);
        }
        TargetContext ctx = TargetCode.context(t, root);
        if (t.identityPolicies().stream().anyMatch(p -> p.origin() == PolicyOrigin.CHALICE_GENERATED)) {
            // Calls signed with other credentials are not the generated role's to grant.
            java.util.function.Predicate<SdkCall> ownRole =
                    c -> c.credentials().resolve(ctx.environment()).isDefault();
            List<SdkCall> own = calls.stream().filter(ownRole).toList();
            List<SdkCall> appOwn = code.appCalls(t, findings).stream().filter(ownRole).toList();
            findings.addAll(ChaliceAttribution.autogenMisses(t, own, appOwn, code.generator(t),
                    mapper.forProject(own), ctx));
            // The calls signed with other credentials are said, as for every other target (IAM1010).
            Map<String, List<SdkCall>> others = new LinkedHashMap<>();
            Map<String, Credentials> kinds = new LinkedHashMap<>();
            for (SdkCall c : calls) {
                Credentials cr = c.credentials().resolve(ctx.environment());
                if (!cr.isDefault() && cr.kind() != Credentials.Kind.LOCAL_ENDPOINT) {
                    String key = cr.kind() + "|" + (cr.detail() == null ? "" : cr.detail().render());
                    others.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                    kinds.putIfAbsent(key, cr);
                }
            }
            others.forEach((k, cs) -> findings.add(otherCredentialsNote(t, kinds.get(k), cs)));
            return new TargetSummary(t.name(), calls.size(), TargetSummary.Evaluation.GENERATOR);
        }

        PolicySet base = policySet(t);
        PreparedPolicySet prepared = engine.prepare(base);
        Map<String, PreparedPolicySet> withResourcePolicy = new HashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        // Calls signed with other credentials, by whose they are: never charged to this target's role.
        Map<String, List<SdkCall>> otherCredentials = new LinkedHashMap<>();
        Map<String, Credentials> otherKinds = new LinkedHashMap<>();
        PolicyVariants variants = new PolicyVariants(engine, t);
        List<Simulation.Pair> pending = new ArrayList<>();
        List<java.util.function.Consumer<Decision>> later = new ArrayList<>();
        // A read of a bucket that the code itself writes with SSE-KMS needs kms:Decrypt too.
        RequirementMapper projectMapper = mapper.forProject(calls);
        for (SdkCall call : calls) {
            Credentials cr = call.credentials().resolve(ctx.environment());
            DeployTarget principal = t;
            PolicySet policies = base;
            PreparedPolicySet set0 = prepared;
            if (cr.kind() == Credentials.Kind.LOCAL_ENDPOINT) {
                // An emulator (LocalStack, DynamoDB Local) does not ask AWS IAM: nothing to check.
                continue;
            }
            if (!cr.isDefault()) {
                Optional<DeployTarget> role = declaredRole(cr, allTargets)
                        .or(() -> declaredRoleOf(cr, declaredRoles, t));
                Optional<PolicySet> rolePolicies = role.flatMap(this::evaluablePolicySet)
                        .map(ps -> withSessionPolicy(ps, cr));
                if (rolePolicies.isEmpty()) {
                    String key = cr.kind() + "|" + (cr.detail() == null ? "" : cr.detail().render());
                    otherCredentials.computeIfAbsent(key, k -> new ArrayList<>()).add(call);
                    otherKinds.putIfAbsent(key, cr);
                    continue;
                }
                // The assumed role is a target of this project: its calls are evaluated against its policies.
                principal = role.get();
                policies = rolePolicies.get();
                set0 = preparedByTarget.computeIfAbsent(principal.name() + "|" + cr.session(),
                        k -> engine.prepare(rolePolicies.get()));
            }
            if (projectMapper.actionsFor(call.service(), call.operation()).isEmpty()) {
                // An operation no table maps to an action: say so rather than pass it silently.
                findings.add(unmappedOperation(t, call));
                continue;
            }
            for (ResourceKeys.Derived dv : ResourceKeys.expand(projectMapper.requirements(call, ctx),
                    declaredResources, ctx)) {
                Optional<ResourcePolicy> rp = governing(dv, resourcePolicies, principal);
                Requirement req = rp.isEmpty() && ASSUME_ACTIONS.contains(dv.requirement().action())
                        ? roleOutsideProject(dv.requirement(), principal) : dv.requirement();
                PolicySet ps = policies;
                String who = principal.name();
                PreparedPolicySet set = rp.map(p -> withResourcePolicy.computeIfAbsent(
                        who + "|" + p.resourceArn() + "#" + p.name(),
                        k -> engine.prepare(ps.withResourcePolicy(p.document(), kindOf(p.kind()))))).orElse(set0);
                Request request = request(principal, req);
                Decision d = engine.evaluate(set, request);
                if (simulation.mode() != Simulation.Mode.LOCAL) {
                    // Decided below, in batches, by the simulator: the rest of this loop runs then.
                    PolicySet plain = rp.map(p -> ps.withResourcePolicy(p.document(), kindOf(p.kind()))).orElse(ps);
                    pending.add(new Simulation.Pair(plain, request, d, req));
                    DeployTarget who0 = principal;
                    later.add(dd -> report(t, who0, cr, call, req, request, dd, rp, variants, reported, findings));
                    continue;
                }
                report(t, principal, cr, call, req, request, d, rp, variants, reported, findings);
            }
        }
        // Requirements of the target's own role that no call names: what the function's own configuration needs (its
        // environment encrypted with a customer managed key, #12; durable execution, #11), and the reads of the queues
        // and streams Lambda polls for it (event source mappings, #11 and #12, with their keys).
        List<ResourceKeys.Derived> configured = new ArrayList<>();
        for (DeclaredResource fn : declaredResources) {
            if (fn.kind() == ResourceKind.LAMBDA_FUNCTION
                    && t.declaredIn().toString().equals(fn.attributes().get("declaredIn"))) {
                configured.addAll(dev.iampreflight.require.FunctionSettings.needs(fn, ctx));
            }
            if (EventSources.mapsTo(fn, t.declaredIn().toString())) {
                configured.addAll(ResourceKeys.expand(EventSources.requirements(fn), declaredResources, ctx));
            }
        }
        for (ResourceKeys.Derived dv : configured) {
            Requirement req = dv.requirement();
            Optional<ResourcePolicy> rp = governing(dv, resourcePolicies, t);
            PreparedPolicySet set = rp.map(p -> engine.prepare(base.withResourcePolicy(p.document(),
                    kindOf(p.kind())))).orElse(prepared);
            Request request = request(t, req);
            report(t, t, Credentials.DEFAULT, req.call(), req, request, engine.evaluate(set, request), rp, variants,
                    reported, findings);
        }
        if (!pending.isEmpty()) {
            List<Decision> decisions = simulation.decide(t, pending, Optional.empty(), findings);
            for (int i = 0; i < pending.size(); i++) {
                later.get(i).accept(decisions.get(i));
            }
        }
        otherCredentials.forEach((k, cs) -> findings.add(otherCredentialsNote(t, otherKinds.get(k), cs)));
        return new TargetSummary(t.name(), calls.size());
    }

    /** Reports one pair of target {@code t} whose call runs as {@code principal} with credentials {@code cr}. */
    private void report(DeployTarget t, DeployTarget principal, Credentials cr, SdkCall call, Requirement req,
                        Request request, Decision d, Optional<ResourcePolicy> rp, PolicyVariants variants,
                        Set<String> reported, List<Finding> findings) {
        if (req.optional()) {
            // A permission needed only when something fails or a feature is used is not a certain denial.
            return;
        }
        // Policies that another value of an input adds or drops belong to this target's own role only.
        Optional<Finding> byInput = principal == t ? variants.finding(req, request, d, rp) : Optional.empty();
        if (byInput.isPresent()) {
            if (reported.add(req.action() + "|" + req.resource() + "|" + call.location())) {
                findings.add(byInput.get());
            }
            return;
        }
        if (d.kind() == DecisionKind.ALLOWED) {
            return;
        }
        String key = req.action() + "|" + req.resource() + "|" + call.location();
        if (!reported.add(key)) {
            return;
        }
        Finding f = finding(principal, req, d, rp, t.name());
        Set<String> deciding = unknownKeysDeciding(req, principal, rp);
        deciding.addAll(unknownTagsDeciding(d, ResourceKeys.tagsOf(req.resource(), declaredResources)));
        if (!deciding.isEmpty()) {
            // A condition on a key the call sets to a value the code does not show may allow it.
            List<String> tags = deciding.stream()
                    .filter(k -> k.regionMatches(true, 0, RESOURCE_TAG, 0, RESOURCE_TAG.length())).toList();
            List<String> set = deciding.stream().filter(k -> !tags.contains(k)).toList();
            f = uncertain(f, (set.isEmpty() ? "" : " The call sets " + String.join(", ", set)
                    + " to a value the code does not show, and a condition on it decides.")
                    + (tags.isEmpty() ? "" : " The resource's tag" + (tags.size() > 1 ? "s " : " ")
                    + String.join(", ", tags) + (tags.size() > 1 ? " are" : " is") + " not known offline "
                    + "(a value the IaC does not show, or a resource it does not pin down), and a condition on "
                    + (tags.size() > 1 ? "them" : "it") + " decides."));
        }
        Optional<BucketAcls.Grant> acl = d.kind() == DecisionKind.EXPLICIT_DENY || LocalEngine.crossAccount(request)
                ? Optional.empty() : BucketAcls.mayGrant(req.action(), req.resource(), declaredResources);
        if (acl.isPresent()) {
            // In the bucket's account its ACL grants like a bucket policy, while ACLs are in effect there.
            f = uncertain(f, acl.get().describe(req.action()));
        }
        if (req.onlyWhen().isPresent()) {
            // Needed only if something unknown offline holds: denied for some runs, not certainly.
            f = uncertain(f, " It is needed only if " + req.onlyWhen().get() + ", which is not known offline.");
        }
        if (t.image().isPresent() && t.handler().isEmpty() && !t.codeRoots().isEmpty()) {
            // A container whose entry point is not known (IAM0151) has every file its image copies charged to it:
            // whether this call runs there depends on what the image runs, which is not known offline.
            f = uncertain(f, " The call runs in " + t.name() + " only if what its image runs reaches it, and the "
                    + "image's entry point is not known offline (every file the image copies is checked).");
        }
        Optional<Condition> undecided = call.guard()
                .filter(g -> g.decide(TargetCode.environment(t)).isEmpty());
        if (undecided.isPresent()) {
            // The call is written under a branch this target's environment does not decide: denied if it runs.
            f = uncertain(f, " The call runs only if " + undecided.get().describe() + ", which " + t.name()
                    + "'s environment does not decide.");
        }
        if (principal != t) {
            f = new Finding(f.ruleId(), f.severity(), f.message() + " (the call runs as " + cr.describe()
                    + ", which is " + principal.name() + "'s role)", f.location(), f.related(), f.target(),
                    f.action(), f.resource(), f.fix());
        }
        findings.add(Simulation.adjust(f, d));
    }

    /**
     * A certain denial (IAM1001) made a denial for some runs (IAM1002), its message ending with {@code why}: something
     * not known offline decides whether the request is made or allowed. Any other finding is returned as it is.
     */
    private static Finding uncertain(Finding f, String why) {
        if (f.severity() != Rule.MISSING_PERMISSION.severity()) {
            return f;
        }
        return new Finding(Rule.PARTIAL_PERMISSION.id(), Rule.PARTIAL_PERMISSION.severity(), f.message() + why,
                f.location(), f.related(), f.target(), f.action(), f.resource(), f.fix());
    }

    /**
     * Checks {@code t}'s calls against its role as deployed in AWS ({@code SimulatePrincipalPolicy}); calls signed
     * with other credentials are not this role's.
     */
    private TargetSummary checkDeployed(DeployTarget t, List<SdkCall> calls, TargetContext ctx, String role,
                                       List<Finding> findings) {
        List<Simulation.Pair> pairs = new ArrayList<>();
        RequirementMapper projectMapper = mapper.forProject(calls);
        for (SdkCall call : calls) {
            if (!call.credentials().resolve(ctx.environment()).isDefault()) {
                continue;
            }
            if (projectMapper.actionsFor(call.service(), call.operation()).isEmpty()) {
                // As offline: an operation no table maps to an action is said, not passed silently.
                findings.add(unmappedOperation(t, call));
                continue;
            }
            for (Requirement req : projectMapper.requirements(call, ctx)) {
                if (!req.optional()) {
                    pairs.add(new Simulation.Pair(PolicySet.identity(List.of()), request(t, req), null, req));
                }
            }
        }
        List<Decision> decisions = simulation.decide(t, pairs, Optional.of(role), findings);
        Set<String> reported = new LinkedHashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            Decision d = decisions.get(i);
            Requirement req = pairs.get(i).requirement();
            if (d.kind() != DecisionKind.ALLOWED
                    && reported.add(req.action() + "|" + req.resource() + "|" + req.call().location())) {
                findings.add(Simulation.adjust(finding(t, req, d, Optional.empty(), t.name()), d));
            }
        }
        return new TargetSummary(t.name(), calls.size());
    }

    /** The target's identity policies and permission boundary. */
    private static PolicySet policySet(DeployTarget t) {
        List<PolicyDocument> identity = new ArrayList<>();
        for (AttachedPolicy p : t.identityPolicies()) {
            p.document().ifPresent(identity::add);
        }
        List<PolicyDocument> boundary = t.permissionBoundary().flatMap(AttachedPolicy::document).stream().toList();
        return PolicySet.identity(identity).withPermissionBoundaries(boundary);
    }

    /** A target's policy set when every policy of it is known offline (else its calls cannot be evaluated). */
    private Optional<PolicySet> evaluablePolicySet(DeployTarget t) {
        boolean unknowable = t.identityPolicies().stream().anyMatch(p -> p.origin() == PolicyOrigin.IN_AWS
                || p.origin() == PolicyOrigin.CHALICE_GENERATED || p.document().isEmpty())
                || t.permissionBoundary().filter(p -> p.document().isEmpty()).isPresent();
        return unknowable ? Optional.empty() : Optional.of(policySet(t));
    }

    /**
     * The project's target whose role an assumed-role credential names: same role name (and the same account when
     * both are known). A role ARN with an unknown name matches nothing: it may be any role.
     */
    static Optional<DeployTarget> declaredRole(Credentials cr, List<DeployTarget> targets) {
        Optional<RoleRef> ref = cr.roleArn().flatMap(RoleRef::of);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        for (DeployTarget t : targets) {
            if (ref.get().names(t.principal(), t.account())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** A role named by an ARN: its name, and its account when the ARN shows one. */
    private record RoleRef(String name, Optional<String> account) {

        static Optional<RoleRef> of(String roleArn) {
            return ArnPatterns.roleName(roleArn).map(n -> new RoleRef(n, ArnPatterns.account(roleArn)));
        }

        /** Whether the role whose ARN is {@code arn} is this one: the same name, the same account when both known. */
        boolean names(String arn, Optional<String> arnAccount) {
            return ArnPatterns.roleName(arn).equals(Optional.of(name))
                    && (account.isEmpty() || arnAccount.isEmpty() || arnAccount.equals(account));
        }
    }

    private static final Set<String> ASSUME_ACTIONS = Set.of("sts:AssumeRole", "sts:TagSession",
            "sts:SetSourceIdentity");

    /**
     * The resource policy that governs a requirement: the declared key policy of a key that configuration names; for
     * sts:AssumeRole (and the session features) the trust policy of the role when the project declares it; else the
     * policy attached to the resource's ARN.
     */
    private Optional<ResourcePolicy> governing(ResourceKeys.Derived dv, List<ResourcePolicy> resourcePolicies,
                                               DeployTarget caller) {
        Requirement req = dv.requirement();
        if (dv.keyPolicy().isPresent()) {
            for (ResourcePolicy p : resourcePolicies) {
                if (p.kind() == ResourceKind.KMS_KEY && p.name().equals(dv.keyPolicy().get())) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
        if (ASSUME_ACTIONS.contains(req.action())) {
            return trustedRole(req.resource(), caller).flatMap(r -> r.trustPolicy().map(d -> new ResourcePolicy(
                    r.arn(), ResourceKind.IAM_ROLE, r.name() + " trust policy", d, r.source())));
        }
        return ArnPatterns.resourcePolicyFor(req.resource(), resourcePolicies);
    }

    /** The declared role a role ARN names (same name, and the same account when both are known). */
    private Optional<DeclaredRole> trustedRole(String roleArn, DeployTarget caller) {
        Optional<RoleRef> ref = RoleRef.of(roleArn);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        for (DeclaredRole r : declaredRoles) {
            if (ref.get().names(r.arn(), ArnPatterns.account(r.arn()).or(caller::account))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * A role the project declares but that runs no code of its own, as a principal whose policies the calls through
     * an assumed-role session are evaluated against.
     */
    private Optional<DeployTarget> declaredRoleOf(Credentials cr, List<DeclaredRole> roles, DeployTarget caller) {
        return cr.roleArn().flatMap(arn -> trustedRole(arn, caller)).map(r -> new DeployTarget(r.name(),
                caller.kind(), r.arn(), Optional.empty(), Optional.empty(), r.identityPolicies(),
                r.permissionBoundary(), Map.of(), List.of(), Optional.empty(), ArnPatterns.account(r.arn())
                .or(caller::account), caller.region(), caller.partition(), r.source()));
    }

    /**
     * The session policies an assume_role call passes ({@code Policy} as JSON text, {@code PolicyArns} as managed
     * policies) intersected with the role's: the session may do only what the role's policies and the session
     * policies allow, and the session policies together act as one (IAM User Guide, "Session policies":
     * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session), so their statements
     * are read as one document. Session policies only narrow what is allowed, so when one of them is not known
     * offline (a policy the code does not show, a managed policy that is neither AWS managed nor readable here) none
     * is applied: a denial stays certain and an allow is the role's. Applying the known ones alone would be wrong:
     * an unknown one may allow what they do not.
     */
    private static final java.util.regex.Pattern AWS_MANAGED_POLICY =
            java.util.regex.Pattern.compile("arn:[a-z-]+:iam::aws:policy/.+");

    private PolicySet withSessionPolicy(PolicySet ps, Credentials cr) {
        List<PolicyDocument> docs = new ArrayList<>();
        dev.iampreflight.core.SymbolicValue policy = cr.session().get("Policy");
        if (policy != null) {
            if (!(policy instanceof dev.iampreflight.core.SymbolicValue.Literal l)) {
                return ps;
            }
            Optional<PolicyDocument> d = dev.iampreflight.policy.PolicyParser.parseJson(l.value(),
                    "session policy at " + cr.origin()).document();
            if (d.isEmpty()) {
                return ps;
            }
            docs.add(d.get());
        }
        dev.iampreflight.core.SymbolicValue arns = cr.session().get("PolicyArns");
        if (arns != null) {
            if (!(arns instanceof dev.iampreflight.core.SymbolicValue.ListValue list)) {
                return ps;
            }
            for (dev.iampreflight.core.SymbolicValue item : list.items()) {
                Optional<PolicyDocument> d = item instanceof dev.iampreflight.core.SymbolicValue.MapValue m
                        && m.entries().get("arn") instanceof dev.iampreflight.core.SymbolicValue.Literal arn
                        && AWS_MANAGED_POLICY.matcher(arn.value()).matches()
                        ? kb.managedPolicy(arn.value()) : Optional.empty();
                if (d.isEmpty()) {
                    return ps;
                }
                docs.add(d.get());
            }
        }
        if (docs.isEmpty()) {
            return ps;
        }
        List<Statement> statements = new ArrayList<>();
        for (PolicyDocument d : docs) {
            for (Statement st : d.statements()) {
                statements.add(new Statement(statements.size(), st.sid(), st.effect(), st.actions(), st.resources(),
                        st.principal(), st.condition(), st.location()));
            }
        }
        PolicyDocument first = docs.get(0);
        return ps.withSessionPolicy(docs.size() == 1 ? first : new PolicyDocument("session policies at "
                + cr.origin(), first.version(), Optional.empty(), statements, first.location()));
    }

    /** A call whose operation maps to no known action: not checked, and said so (IAM1060). */
    private static Finding unmappedOperation(DeployTarget t, SdkCall call) {
        return new Finding(Rule.UNMAPPED_OPERATION.id(), Rule.UNMAPPED_OPERATION.severity(),
                "cannot tell which IAM action " + call.service() + "." + call.operation() + " needs: the operation "
                        + "is in the current SDK model but no action of the Service Authorization Reference is known "
                        + "to authorize it, so this call was not checked against " + t.name() + "'s policies",
                call.location()).withTarget(t.name());
    }

    /** One note per credential source: which calls run as someone else and why they are not checked. */
    private static Finding otherCredentialsNote(DeployTarget t, Credentials cr, List<SdkCall> calls) {
        List<String> listed = new ArrayList<>();
        List<RelatedLocation> related = new ArrayList<>();
        for (SdkCall c : calls) {
            String s = c.service() + "." + c.operation() + " (" + c.location() + ")";
            if (!listed.contains(s)) {
                listed.add(s);
                related.add(new RelatedLocation(c.location(), c.service() + "." + c.operation() + " runs as "
                        + cr.describe()));
            }
        }
        String why = switch (cr.kind()) {
            case ASSUMED_ROLE, FEDERATED_ROLE -> "the role is not declared in this project (another account or a "
                    + "value known only at run time), so its policies cannot be read offline; check that role with "
                    + "the IAM policy simulator (aws iam simulate-principal-policy --policy-source-arn ROLE_ARN)";
            case COGNITO -> "their permissions are the identity pool role's, which is not a target of this project";
            case KEYS -> "whose principal the keys belong to is not known offline";
            case PROFILE -> "a named profile's principal is not known offline (and Lambda has no profiles)";
            default -> "they are not this target's";
        };
        int shown = Math.min(listed.size(), 10);
        String list = String.join(", ", listed.subList(0, shown))
                + (listed.size() > shown ? " and " + (listed.size() - shown) + " more" : "");
        SourceLocation at = cr.origin().line() > 0 ? cr.origin() : calls.get(0).location();
        Rule rule = Rule.OTHER_CREDENTIALS;
        return new Finding(rule.id(), rule.severity(), listed.size() + " call(s) of " + t.name() + " run as "
                + cr.describe() + ", not as the target's own role, so they were not charged to it: " + why
                + ". Calls: " + list, at, related).withTarget(t.name());
    }

    private static ResourcePolicyKind kindOf(ResourceKind k) {
        return k == ResourceKind.KMS_KEY ? ResourcePolicyKind.KMS_KEY
                : k == ResourceKind.IAM_ROLE ? ResourcePolicyKind.ROLE_TRUST : ResourcePolicyKind.GENERIC;
    }

    /**
     * Keys the call sets to an unknown value that a condition of the principal's policies (or the resource policy)
     * tests: the denial then depends on that value.
     */
    private static Set<String> unknownKeysDeciding(Requirement req, DeployTarget t, Optional<ResourcePolicy> rp) {
        Set<String> unknown = new LinkedHashSet<>();
        req.callContext().forEach((k, v) -> {
            if (v.stream().anyMatch(x -> x.contains(dev.iampreflight.core.SymbolicValue.UNKNOWN))) {
                unknown.add(k);
            }
        });
        if (unknown.isEmpty()) {
            return unknown;
        }
        List<PolicyDocument> docs = new ArrayList<>();
        t.identityPolicies().forEach(p -> p.document().ifPresent(docs::add));
        t.permissionBoundary().flatMap(AttachedPolicy::document).ifPresent(docs::add);
        rp.ifPresent(p -> docs.add(p.document()));
        Set<String> out = new LinkedHashSet<>();
        for (PolicyDocument d : docs) {
            for (var st : d.statements()) {
                for (var c : st.condition().conditions()) {
                    for (String k : unknown) {
                        if (c.key().value().equalsIgnoreCase(k)) {
                            out.add(k);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The aws:ResourceTag keys whose unknown value decides a denial: those of Allow statements that apply to the
     * request but for conditions on such keys. A tag is unknown when the IaC declares it with a value it does not show,
     * and every tag is unknown on a resource the analysis cannot pin down ({@code tags} empty: an unknown ARN segment,
     * a resource the project does not declare). The request leaves such keys out, and a key the request lacks makes
     * StringEquals false ("If the key that you specify in a policy condition is not present in the request context,
     * the values do not match", IAM User Guide, "IAM JSON policy elements: Condition operators"): without this the
     * unknown would become a certain denial.
     */
    private static Set<String> unknownTagsDeciding(Decision d, Optional<Map<String, String>> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (PolicyTrace p : d.trace().policies()) {
            for (StatementTrace st : p.statements()) {
                if (st.effect() != Effect.ALLOW || st.matched()) {
                    continue;
                }
                List<String> keys = new ArrayList<>();
                boolean others = true;
                for (ElementCheck c : st.checks()) {
                    if (c.matched()) {
                        continue;
                    }
                    String key = c.element().substring(c.element().lastIndexOf(' ') + 1);
                    if (c.element().startsWith("Condition ") && unknownTag(key, tags)) {
                        keys.add(key);
                    } else {
                        others = false;
                    }
                }
                if (others) {
                    out.addAll(keys);
                }
            }
        }
        return out;
    }

    /** Whether condition key {@code key} is an aws:ResourceTag key whose value is not known offline. */
    private static boolean unknownTag(String key, Optional<Map<String, String>> tags) {
        if (!key.regionMatches(true, 0, RESOURCE_TAG, 0, RESOURCE_TAG.length())) {
            return false;
        }
        if (tags.isEmpty()) {
            return true;
        }
        String name = key.substring(RESOURCE_TAG.length());
        // Without regard to case, as condition key names are compared ("Context key names are not case-sensitive",
        // IAM User Guide, "IAM JSON policy elements: Condition"): a tag that may be the one is the safe side.
        return tags.get().entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(name)
                && e.getValue().contains(dev.iampreflight.core.SymbolicValue.UNKNOWN));
    }

    private static final String RESOURCE_TAG = "aws:ResourceTag/";

    /**
     * sts:AssumeRole on a role whose trust policy is not in the project: only the caller's side can be checked. In the
     * same account a trust policy that names the caller's ARN allows it with no identity statement ("To allow a user
     * to assume a role in the same account, you can ... add the user as a principal directly in the role's trust
     * policy", https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html), so a denial by the caller's
     * policies is certain only for a role in another known account.
     */
    private static Requirement roleOutsideProject(Requirement req, DeployTarget caller) {
        Optional<String> roleAccount = ArnPatterns.account(req.resource());
        boolean otherAccount = roleAccount.isPresent() && caller.account().isPresent()
                && !roleAccount.equals(caller.account());
        Optional<String> onlyWhen = otherAccount ? req.onlyWhen() : Optional.of("the trust policy of "
                + req.resource() + ", which is not in this project, does not name " + caller.principal()
                + " itself (in the same account such a trust policy allows it without an identity statement)");
        return new Requirement(req.action(), req.resource(), req.context(), req.why(), req.call(), onlyWhen,
                req.optional(), withMarker(req.callContext()));
    }

    /** The marker key that tells {@link #request} to ask only the caller's side (see roleOutsideProject). */
    private static final String CALLER_SIDE = "iam-preflight:caller-side";

    private static Map<String, List<String>> withMarker(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>(m);
        out.put(CALLER_SIDE, List.of("true"));
        return out;
    }

    private Request request(DeployTarget t, Requirement req) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        t.region().ifPresent(r -> context.put("aws:RequestedRegion", List.of(r)));
        req.context().forEach((k, v) -> context.put(k, List.of(v)));
        // Keys the call sets: known values go into the request; an unknown one is left out (see
        // unknownKeysDeciding for what that means for the answer).
        boolean callerSide = req.callContext().containsKey(CALLER_SIDE);
        req.callContext().forEach((k, v) -> {
            if (!k.equals(CALLER_SIDE) && v.stream().noneMatch(x -> x.contains(
                    dev.iampreflight.core.SymbolicValue.UNKNOWN))) {
                context.put(k, v);
            }
        });
        // Tags the project declares on the resource are its aws:ResourceTag keys (IAM user guide, "Controlling
        // access to AWS resources using tags"); a value the IaC does not show leaves its key out.
        ResourceKeys.tagsOf(req.resource(), declaredResources).orElse(Map.of()).forEach((k, v) -> {
            if (!v.contains(dev.iampreflight.core.SymbolicValue.UNKNOWN)) {
                context.putIfAbsent(RESOURCE_TAG + k, List.of(v));
            }
        });
        // The caller's side of a cross-account request is its identity policies: asked as in its own account.
        Optional<String> resourceAccount = callerSide ? t.account()
                : ArnPatterns.account(req.resource()).or(t::account);
        return new Request(req.action(), req.resource(), Optional.of(t.principal()), resourceAccount, context);
    }

    /**
     * A denial on code the target may never run is no certain failure: the error becomes a warning (IAM1011) that
     * says why the code may not run, so it is still seen (the call stays charged: sound) without failing a build.
     */
    private static void unsureReach(DeployTarget t, TargetCode code, List<Finding> added) {
        for (int i = 0; i < added.size(); i++) {
            Finding f = added.get(i);
            boolean denial = f.ruleId().equals(Rule.MISSING_PERMISSION.id())
                    || f.ruleId().equals(Rule.CHALICE_AUTOGEN_MISS.id());
            if (!denial || f.severity() != Severity.ERROR || !f.target().equals(Optional.of(t.name()))) {
                continue;
            }
            Optional<String> why = code.unsure(t, f.location());
            if (why.isPresent()) {
                added.set(i, new Finding(Rule.UNSURE_REACH.id(), Rule.UNSURE_REACH.severity(), f.message()
                        + (f.message().endsWith(".") ? " " : ". ") + "This code may never run for " + t.name() + ": "
                        + why.get() + " (" + f.ruleId() + " if it does).", f.location(), f.related(), f.target(), f.action(), f.resource(), f.fix()));
            }
        }
    }

    /** The finding for {@code t}'s request {@code req}, about deploy target {@code target} (whose code makes it). */
    private Finding finding(DeployTarget t, Requirement req, Decision d, Optional<ResourcePolicy> rp, String target) {
        MissingPermissionMessages.Explained e = MissingPermissionMessages.explain(t, req, d, rp);
        Rule rule = d.kind() == DecisionKind.ALLOWED_FOR_SOME ? Rule.PARTIAL_PERMISSION : Rule.MISSING_PERMISSION;
        List<RelatedLocation> related = new ArrayList<>(e.related());
        Optional<String> policyFile = writablePolicyFile(t);
        // A call matched by its method name only may be no SDK call at all (logger.info, f.close()): an error says
        // "certainly denied", which nobody can say of it.
        boolean guessed = req.call().confidence() == Confidence.LOW;
        String message = guessed ? e.message() + " " + req.call().whyUncertain() : e.message();
        Severity severity = guessed && rule.severity() == Severity.ERROR ? Severity.WARNING : rule.severity();
        Optional<String> rejected = dev.iampreflight.check.internal.ClientSideRejections.why(req);
        if (rejected.isPresent()) {
            message = message + (message.endsWith(".") ? " " : ". ") + "Not an error: " + rejected.get() + ".";
            rule = Rule.REJECTED_BY_SDK;
            severity = rule.severity();
        }
        Optional<dev.iampreflight.core.Fix> fix = e.customFix();
        if (fix.isEmpty() && e.fixable()) {
            // A policy cannot say "unknown": the unknown part of the resource becomes a wildcard, and the fix says so.
            String resource = req.resource().replace("{?}", "*");
            fix = Optional.of(Fixes.allow("allow " + req.action() + " on " + resource + " for " + t.name()
                            + (resource.equals(req.resource()) ? "" : " (narrow the * to the real value if you know it)"),
                    List.of(req.action()), List.of(resource), policyFile));
        }
        // Built once, not through withTarget/withRequest/withFix: each copy escapes the message again, and a large
        // project has tens of thousands of these (docs/performance.md, "#### gc").
        return new Finding(rule.id(), severity, message, req.call().location(), related,
                Optional.ofNullable(target), Optional.ofNullable(req.action()), Optional.ofNullable(req.resource()),
                fix);
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
