package dev.iampreflight.eval.aws;

import dev.iampreflight.core.UserException;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.Engine;
import dev.iampreflight.eval.PolicyRole;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Reason;
import dev.iampreflight.eval.ReasonCode;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.ResourcePolicyKind;
import dev.iampreflight.eval.StatementRef;
import dev.iampreflight.eval.Trace;
import dev.iampreflight.eval.aws.internal.Batches;
import dev.iampreflight.eval.aws.internal.ContextTypes;
import dev.iampreflight.eval.aws.internal.PolicyJson;
import dev.iampreflight.eval.aws.internal.Redact;
import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Statement;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.OrderedOrganizationPolicyType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS IAM policy simulator as an {@link Engine}: {@code SimulateCustomPolicy} for policies the project declares
 * (before deploy) and {@code SimulatePrincipalPolicy} for roles that already exist in AWS. The only class outside
 * {@code eval.aws.internal} that touches the AWS SDK (AwsSdkConfinementTest keeps it so).
 *
 * <p>Requests with identical inputs (policies, resource policy, owner, caller, context) are sent together, many
 * actions times many resources per call ({@link Batches}), pages are followed with {@code Marker}, throttling is
 * retried by the SDK's adaptive retry strategy and calls are started at most {@link AwsSettings#maxCallsPerSecond()}
 * per second. A request the simulator cannot take (see {@link #whyNotRemote}) keeps the local engine's decision, with
 * a {@link ReasonCode#NOT_CHECKED_REMOTELY} reason saying why.
 *
 * <p>API facts: https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html and
 * API_SimulatePrincipalPolicy.html, and the SDK model classes of software.amazon.awssdk:iam (2.57.8):
 * {@code OrderedOrganizationPolicyInputList} (SCP levels) exists, there is no input for RCPs or session policies.
 */
public final class AwsSimulator implements Engine, AutoCloseable {

    /** Each policy document the simulator takes may be at most this long (API reference: PolicyInputList). */
    public static final int MAX_POLICY_CHARS = 131_072;

    static {
        // The SDK logs through SLF4J, and the CLI ships no SLF4J provider: SLF4J would print three lines about that
        // on standard error at the first call. Only SLF4J's own errors remain (https://www.slf4j.org/codes.html).
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    private static final Pattern UNKNOWN_ACCOUNT = Pattern.compile("(arn:[^:\"]*:[^:\"]*:[^:\"]*:)\\{\\?\\}(?=:)");

    private final AwsSettings settings;
    private final LocalEngine local;
    private final ContextTypes contextTypes;
    private IamClient iam;
    private StsClient sts;
    private Optional<CallerIdentity> caller;
    private long lastCallNanos;
    private int calls;
    private int pairs;
    private int inputSets;

    /** The caller of the credentials in use, from {@code sts:GetCallerIdentity}. */
    public record CallerIdentity(String account, String arn, String partition) {
    }

    /** What the simulator was asked: API calls (pages included), pairs, distinct input sets. */
    public record Stats(int calls, int pairs, int inputSets) {
    }

    public AwsSimulator(AwsSettings settings, LocalEngine local, ContextTypes contextTypes) {
        this.settings = settings;
        this.local = local;
        this.contextTypes = contextTypes;
        this.caller = null;
    }

    /** A simulator that types context entries from the bundled knowledge base. */
    public static AwsSimulator create(AwsSettings settings) {
        return new AwsSimulator(settings, LocalEngine.withBundledKnowledge(), ContextTypes.bundled());
    }

    public synchronized Stats stats() {
        return new Stats(calls, pairs, inputSets);
    }

    /** The caller identity, fetched once; throws a {@link UserException} naming the fix when it cannot be had. */
    public synchronized CallerIdentity callerIdentity() {
        if (caller == null) {
            pace();
            settings.log().accept("sts:GetCallerIdentity");
            try {
                GetCallerIdentityResponse r = sts().getCallerIdentity();
                String partition = r.arn() != null && r.arn().startsWith("arn:")
                        ? r.arn().split(":", 3)[1] : "aws";
                caller = Optional.of(new CallerIdentity(r.account(), r.arn(), partition));
            } catch (SdkException e) {
                throw failure(e, "sts:GetCallerIdentity", stsEndpoint());
            } finally {
                calls++;
            }
        }
        return caller.orElseThrow();
    }

    /** The caller identity if it was already fetched (for saying where an account id came from). */
    public synchronized Optional<CallerIdentity> knownCallerIdentity() {
        return caller == null ? Optional.empty() : caller;
    }

    @Override
    public Decision evaluate(PolicySet policies, Request request) {
        return evaluateAll(policies, List.of(request)).get(0);
    }

    /** {@code SimulateCustomPolicy} for every request, batched; one decision per request, in order. */
    public synchronized List<Decision> evaluateAll(PolicySet set, List<Request> requests) {
        return run(Optional.empty(), java.util.Collections.nCopies(requests.size(), set), requests);
    }

    /**
     * {@code SimulateCustomPolicy} for each (policy set, request) pair ({@code sets.get(i)} with
     * {@code requests.get(i)}), batched across them: pairs whose inputs are identical (the same policy texts, caller,
     * owner and context, wherever they came from) share calls. One decision per request, in order.
     */
    public synchronized List<Decision> evaluateEach(List<PolicySet> sets, List<Request> requests) {
        if (sets.size() != requests.size()) {
            throw new IllegalArgumentException("one policy set per request");
        }
        return run(Optional.empty(), sets, requests);
    }

    /**
     * {@code SimulatePrincipalPolicy} against the role {@code roleArn} as it is deployed, plus {@code extra} policies
     * the project adds to it ({@code PolicyInputList}).
     */
    public synchronized List<Decision> evaluateDeployed(String roleArn, List<PolicyDocument> extra,
                                                        List<Request> requests) {
        return run(Optional.of(roleArn), java.util.Collections.nCopies(requests.size(), PolicySet.identity(extra)),
                requests);
    }

    /** A policy set rendered as the simulator takes it, or why it cannot be sent. */
    private record Rendered(Optional<String> problem, List<String> identity, List<String> boundaries,
                            List<List<String>> scps, String resourcePolicy, Optional<String> roleArn) {
    }

    private List<Decision> run(Optional<String> role, List<PolicySet> sets, List<Request> requests) {
        Decision[] out = new Decision[requests.size()];
        Map<Input, List<Integer>> groups = new LinkedHashMap<>();
        // Sets are usually shared (one per target, or one object for a whole batch): render each once.
        Map<PolicySet, Rendered> rendered = new java.util.IdentityHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            PolicySet set = sets.get(i);
            Rendered rs = rendered.computeIfAbsent(set, s -> render(role, s));
            Request r = requests.get(i);
            Optional<String> problem = rs.problem();
            Request filled = r;
            if (problem.isEmpty()) {
                filled = fill(r);
                problem = whyNotRemote(filled, set, role.isPresent());
            }
            if (problem.isPresent()) {
                out[i] = notChecked(set, r, problem.get(), role.isPresent());
                continue;
            }
            List<String> identityDocs = rs.identity();
            List<String> boundaryDocs = rs.boundaries();
            List<List<String>> scpDocs = rs.scps();
            String rp = rs.resourcePolicy();
            if (needsAccount(identityDocs, boundaryDocs, scpDocs, rp)) {
                identityDocs = fillAll(identityDocs);
                boundaryDocs = fillAll(boundaryDocs);
                scpDocs = new ArrayList<>();
                for (List<String> l : rs.scps()) {
                    scpDocs.add(fillAll(l));
                }
                rp = rp == null ? null : fillAccount(rp);
                if (String.join("", identityDocs).contains("{?}") || String.join("", boundaryDocs).contains("{?}")
                        || scpDocs.toString().contains("{?}") || (rp != null && rp.contains("{?}"))) {
                    out[i] = notChecked(set, r, "a policy has a value the project leaves unknown ({?}) that the "
                            + "simulator would read literally", role.isPresent());
                    continue;
                }
            }
            Input in = new Input(rs.roleArn(), identityDocs, boundaryDocs, scpDocs, rp,
                    rp == null ? null : owner(filled), rp == null || role.isPresent() ? null
                    : filled.principal().orElse(null), contextTypes.entries(filled.context()));
            groups.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
        }
        ask(role, sets, requests, groups, out);
        return List.of(out);
    }

    private Rendered render(Optional<String> role, PolicySet set) {
        Optional<String> setProblem = whyNotRemote(set, role.isPresent());
        List<String> identity = new ArrayList<>();
        List<String> boundaries = new ArrayList<>();
        List<List<String>> scps = new ArrayList<>();
        String resourcePolicy = null;
        if (setProblem.isEmpty()) {
            for (PolicyDocument d : set.identityPolicies()) {
                identity.add(PolicyJson.render(d));
            }
            for (PolicyDocument d : set.permissionBoundaries()) {
                boundaries.add(PolicyJson.render(d));
            }
            for (List<PolicyDocument> level : set.scpLevels()) {
                List<String> l = new ArrayList<>();
                for (PolicyDocument d : level) {
                    l.add(PolicyJson.render(d));
                }
                scps.add(l);
            }
            resourcePolicy = set.resourcePolicy().map(PolicyJson::render).orElse(null);
            setProblem = oversized(set, identity, boundaries, scps, resourcePolicy);
        }
        Optional<String> roleArn = role;
        if (setProblem.isEmpty() && role.isPresent() && role.get().contains("{?}")) {
            if (UNKNOWN_ACCOUNT.matcher(role.get()).find()) {
                roleArn = Optional.of(fillAccount(role.get()));
            }
            if (roleArn.get().contains("{?}")) {
                setProblem = Optional.of("the role ARN " + role.get() + " has a part the project leaves unknown");
            }
        }
        return new Rendered(setProblem, identity, boundaries, scps, resourcePolicy, roleArn);
    }

    /** Asks the simulator for each group of identical inputs, in as few calls as {@link Batches} plans. */
    private void ask(Optional<String> role, List<PolicySet> sets, List<Request> requests,
                     Map<Input, List<Integer>> groups, Decision[] out) {
        for (Map.Entry<Input, List<Integer>> g : groups.entrySet()) {
            inputSets++;
            Input in = g.getKey();
            List<Batches.Pair> wanted = new ArrayList<>();
            for (int i : g.getValue()) {
                Request r = fill(requests.get(i));
                wanted.add(new Batches.Pair(r.action(), r.resource()));
            }
            Map<Batches.Pair, Answer> answers = new LinkedHashMap<>();
            Map<Batches.Pair, String> rejected = new LinkedHashMap<>();
            for (Batches.Call call : Batches.plan(wanted)) {
                pairs += call.pairs().size();
                try {
                    simulate(in, call, answers);
                } catch (InvalidInput e) {
                    for (Batches.Pair p : call.pairs()) {
                        rejected.put(p, e.getMessage());
                    }
                }
            }
            for (int i : g.getValue()) {
                Request r = fill(requests.get(i));
                Batches.Pair p = new Batches.Pair(r.action(), r.resource());
                Answer a = answers.get(p);
                if (rejected.containsKey(p)) {
                    out[i] = notChecked(sets.get(i), requests.get(i), "the simulator rejected the input: "
                            + rejected.get(p), role.isPresent());
                } else if (a == null) {
                    out[i] = notChecked(sets.get(i), requests.get(i), "the simulator's answer has no result for "
                            + r.action() + " on " + r.resource(), role.isPresent());
                } else {
                    out[i] = decision(a, sets.get(i), in);
                }
            }
        }
    }

    /** An input of the set the simulator cannot take, or empty. */
    static Optional<String> whyNotRemote(PolicySet set, boolean deployed) {
        if (!set.rcpLevels().isEmpty()) {
            return Optional.of("the simulator takes no resource control policies (RCPs)");
        }
        if (set.sessionPolicy().isPresent()) {
            return Optional.of("the simulator takes no session policy");
        }
        if (deployed && (!set.scpLevels().isEmpty() || !set.permissionBoundaries().isEmpty())) {
            return Optional.of("SimulatePrincipalPolicy takes no SCPs, and uses the role's own boundary");
        }
        if (set.resourcePolicy().isPresent() && set.resourcePolicyKind() != ResourcePolicyKind.GENERIC) {
            return Optional.of("the simulator evaluates every resource policy as a generic one, but this is a "
                    + (set.resourcePolicyKind() == ResourcePolicyKind.KMS_KEY ? "KMS key policy" : "role trust policy")
                    + ", which grants the account nothing implicitly");
        }
        return Optional.empty();
    }

    /** A part of the request the simulator cannot take, or empty. */
    private static Optional<String> whyNotRemote(Request r, PolicySet set, boolean deployed) {
        if (r.action().contains("*") || r.action().contains("?")) {
            return Optional.of("the simulator takes only actions without wildcards, not '" + r.action() + "'");
        }
        if (r.resource().contains("{?}")) {
            return Optional.of("the resource " + r.resource() + " has a part the project leaves unknown ({?}), "
                    + "and the simulator answers for one resource at a time");
        }
        if (set.resourcePolicy().isPresent() && !deployed) {
            Optional<String> p = r.principal();
            if (p.isEmpty() || p.get().contains("{?}") || !p.get().startsWith("arn:")) {
                return Optional.of("a resource policy needs the caller's ARN, which is "
                        + p.orElse("anonymous"));
            }
            if (owner(r) == null) {
                return Optional.of("a resource policy needs the resource owner's account, which is unknown");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> oversized(PolicySet set, List<String> identity, List<String> boundaries,
                                              List<List<String>> scps, String resourcePolicy) {
        List<String> all = new ArrayList<>(identity);
        all.addAll(boundaries);
        scps.forEach(all::addAll);
        if (resourcePolicy != null) {
            all.add(resourcePolicy);
        }
        for (String s : all) {
            if (s.length() > MAX_POLICY_CHARS) {
                return Optional.of("a policy document is " + s.length() + " characters long, more than the "
                        + MAX_POLICY_CHARS + " the simulator accepts");
            }
        }
        return Optional.empty();
    }

    private boolean needsAccount(List<String> identity, List<String> boundaries, List<List<String>> scps,
                                 String resourcePolicy) {
        return String.join("", identity).contains("{?}") || String.join("", boundaries).contains("{?}")
                || scps.toString().contains("{?}") || (resourcePolicy != null && resourcePolicy.contains("{?}"));
    }

    private List<String> fillAll(List<String> docs) {
        List<String> out = new ArrayList<>();
        for (String d : docs) {
            out.add(fillAccount(d));
        }
        return out;
    }

    /** The request with an unknown account in its resource and principal ARNs replaced by the caller's. */
    private Request fill(Request r) {
        if (!UNKNOWN_ACCOUNT.matcher(r.resource()).find()
                && r.principal().map(p -> !UNKNOWN_ACCOUNT.matcher(p).find()).orElse(true)
                && r.resourceAccount().map(a -> !a.contains("{?}")).orElse(true)) {
            return r;
        }
        String account = callerIdentity().account();
        return new Request(r.action(), fillAccount(r.resource()), r.principal().map(this::fillAccount),
                r.resourceAccount().map(a -> a.contains("{?}") ? account : a), r.context());
    }

    private String fillAccount(String s) {
        if (!UNKNOWN_ACCOUNT.matcher(s).find()) {
            return s;
        }
        return UNKNOWN_ACCOUNT.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(callerIdentity().account()));
    }

    /** The account root ARN that owns the resource (the request's resource account, else the principal's). */
    private static String owner(Request r) {
        Optional<String> account = r.resourceAccount().filter(a -> a.matches("\\d{12}"))
                .or(() -> r.principal().flatMap(AwsSimulator::accountOf));
        if (account.isEmpty()) {
            return null;
        }
        String partition = r.principal().filter(p -> p.startsWith("arn:")).map(p -> p.split(":", 3)[1])
                .orElse("aws");
        return "arn:" + partition + ":iam::" + account.get() + ":root";
    }

    private static Optional<String> accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 && parts[4].matches("\\d{12}") ? Optional.of(parts[4]) : Optional.empty();
    }

    /**
     * The local engine's decision with a reason saying why the simulator was not asked; for a deployed role, whose
     * policies are not known offline, nothing decides the pair (an implicit deny carrying only that reason).
     */
    private Decision notChecked(PolicySet set, Request r, String why, boolean deployed) {
        if (deployed) {
            return new Decision(DecisionKind.IMPLICIT_DENY, List.of(), List.of(new Reason(
                    ReasonCode.NOT_CHECKED_REMOTELY, "cannot check remotely: " + why + "; the deployed role's "
                    + "policies are not known offline, so this pair is not checked")), Trace.of(List.of()));
        }
        Decision d = local.evaluate(set, r);
        List<Reason> reasons = new ArrayList<>(d.reasons());
        reasons.add(new Reason(ReasonCode.NOT_CHECKED_REMOTELY, "cannot check remotely: " + why
                + "; the local engine's answer is kept"));
        return new Decision(d.kind(), d.allowedPatterns(), reasons, d.trace());
    }

    /** Identical inputs share calls; everything the simulator is told except the actions and resources. */
    private record Input(Optional<String> role, List<String> identity, List<String> boundaries,
                         List<List<String>> scps, String resourcePolicy, String owner, String caller,
                         List<ContextTypes.Entry> context) {
    }

    /** One (action, resource) answer. */
    private record Answer(String decision, List<software.amazon.awssdk.services.iam.model.Statement> matched,
                          List<String> missing, Boolean allowedByBoundary, Boolean allowedByOrganizations) {
    }

    private static final class InvalidInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidInput(String message) {
            super(message);
        }
    }

    private void simulate(Input in, Batches.Call call, Map<Batches.Pair, Answer> answers) {
        String marker = null;
        int page = 0;
        do {
            page++;
            pace();
            List<EvaluationResult> results;
            boolean truncated;
            String next;
            String operation = in.role().isPresent() ? "iam:SimulatePrincipalPolicy" : "iam:SimulateCustomPolicy";
            settings.log().accept(operation + ": " + call.actions().size() + " action(s) x "
                    + call.resources().size() + " resource(s) for " + call.pairs().size() + " pair(s)"
                    + (page > 1 ? ", page " + page : ""));
            List<ContextEntry> context = new ArrayList<>();
            for (ContextTypes.Entry e : in.context()) {
                context.add(ContextEntry.builder().contextKeyName(e.key()).contextKeyType(e.type())
                        .contextKeyValues(e.values()).build());
            }
            try {
                if (in.role().isPresent()) {
                    SimulatePrincipalPolicyRequest.Builder b = SimulatePrincipalPolicyRequest.builder()
                            .policySourceArn(in.role().get()).actionNames(call.actions())
                            .resourceArns(call.resources()).maxItems(Batches.MAX_ITEMS).marker(marker);
                    if (!in.identity().isEmpty()) {
                        b.policyInputList(in.identity());
                    }
                    if (in.resourcePolicy() != null) {
                        b.resourcePolicy(in.resourcePolicy()).resourceOwner(in.owner());
                    }
                    if (!context.isEmpty()) {
                        b.contextEntries(context);
                    }
                    SimulatePrincipalPolicyResponse r = iam().simulatePrincipalPolicy(b.build());
                    results = r.evaluationResults();
                    truncated = Boolean.TRUE.equals(r.isTruncated());
                    next = r.marker();
                } else {
                    SimulateCustomPolicyRequest.Builder b = SimulateCustomPolicyRequest.builder()
                            .policyInputList(in.identity()).actionNames(call.actions())
                            .resourceArns(call.resources()).maxItems(Batches.MAX_ITEMS).marker(marker);
                    if (!in.boundaries().isEmpty()) {
                        b.permissionsBoundaryPolicyInputList(in.boundaries());
                    }
                    if (!in.scps().isEmpty()) {
                        List<OrderedOrganizationPolicyType> levels = new ArrayList<>();
                        for (List<String> level : in.scps()) {
                            levels.add(OrderedOrganizationPolicyType.builder().serviceControlPolicyInputList(level)
                                    .build());
                        }
                        b.orderedOrganizationPolicyInputList(levels);
                    }
                    if (in.resourcePolicy() != null) {
                        b.resourcePolicy(in.resourcePolicy()).resourceOwner(in.owner()).callerArn(in.caller());
                    }
                    if (!context.isEmpty()) {
                        b.contextEntries(context);
                    }
                    SimulateCustomPolicyResponse r = iam().simulateCustomPolicy(b.build());
                    results = r.evaluationResults();
                    truncated = Boolean.TRUE.equals(r.isTruncated());
                    next = r.marker();
                }
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
                if (code.equals("InvalidInput") || code.equals("MalformedPolicyDocument")) {
                    throw new InvalidInput(code + ": " + Redact.message(e.awsErrorDetails().errorMessage()));
                }
                throw failure(e, operation, iamEndpoint());
            } catch (SdkException e) {
                throw failure(e, operation, iamEndpoint());
            } finally {
                calls++;
            }
            if (results.isEmpty() && !call.actions().isEmpty()) {
                // IAM answers every action it is asked about; an empty answer is not IAM speaking.
                throw new UserException(iamEndpoint() + " did not answer " + operation + " as the AWS API does (no "
                        + "EvaluationResults for " + call.actions().size() + " action(s)): check --endpoint-url / "
                        + "AWS_ENDPOINT_URL_IAM");
            }
            read(results, call, answers);
            if (truncated && (next == null || next.isEmpty() || next.equals(marker))) {
                throw new UserException("the IAM endpoint " + iamEndpoint() + " said its answer to " + operation
                        + " was truncated but gave no new Marker to continue from; it does not behave as the IAM "
                        + "API does: check --endpoint-url / AWS_ENDPOINT_URL_IAM");
            }
            marker = truncated ? next : null;
        } while (marker != null);
    }

    /**
     * Per-resource answers: with several resources an evaluation result's own decision is the most restrictive over
     * them, so each resource's decision is read from {@code ResourceSpecificResults}; an answer may also carry one
     * result per action and resource (then {@code EvalResourceName} names the resource).
     */
    private static void read(List<EvaluationResult> results, Batches.Call call, Map<Batches.Pair, Answer> answers) {
        for (EvaluationResult r : results) {
            Boolean org = r.organizationsDecisionDetail() == null ? null
                    : r.organizationsDecisionDetail().allowedByOrganizations();
            Boolean boundary = r.permissionsBoundaryDecisionDetail() == null ? null
                    : r.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary();
            if (r.hasResourceSpecificResults() && !r.resourceSpecificResults().isEmpty()) {
                for (ResourceSpecificResult rs : r.resourceSpecificResults()) {
                    List<String> missing = new ArrayList<>(rs.missingContextValues());
                    for (String m : r.missingContextValues()) {
                        if (!missing.contains(m)) {
                            missing.add(m);
                        }
                    }
                    Boolean rb = rs.permissionsBoundaryDecisionDetail() == null ? boundary
                            : rs.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary();
                    put(answers, call, r.evalActionName(), rs.evalResourceName(),
                            new Answer(rs.evalResourceDecisionAsString(), rs.matchedStatements(), missing, rb, org));
                }
            } else {
                String resource = r.evalResourceName();
                Answer a = new Answer(r.evalDecisionAsString(), r.matchedStatements(), r.missingContextValues(),
                        boundary, org);
                if (call.resources().size() == 1 && (resource == null || resource.equals("*"))) {
                    resource = call.resources().get(0);
                }
                put(answers, call, r.evalActionName(), resource, a);
            }
        }
    }

    private static void put(Map<Batches.Pair, Answer> answers, Batches.Call call, String action, String resource,
                            Answer a) {
        if (action == null || resource == null) {
            return;
        }
        // Action names come back as sent, but IAM treats them case-insensitively.
        for (String sent : call.actions()) {
            if (sent.equalsIgnoreCase(action)) {
                answers.put(new Batches.Pair(sent, resource), a);
            }
        }
    }

    private Decision decision(Answer a, PolicySet set, Input in) {
        List<StatementRef> statements = new ArrayList<>();
        for (software.amazon.awssdk.services.iam.model.Statement s : a.matched()) {
            statements.add(statementRef(s, set, in));
        }
        List<Reason> reasons = new ArrayList<>();
        DecisionKind kind;
        String decision = String.valueOf(a.decision());
        if (decision.equals("allowed")) {
            kind = DecisionKind.ALLOWED;
            reasons.add(new Reason(ReasonCode.ALLOWED_BY_SIMULATOR, "the AWS IAM policy simulator allows it",
                    statements));
        } else if (decision.equals("explicitDeny")) {
            kind = DecisionKind.EXPLICIT_DENY;
            reasons.add(new Reason(ReasonCode.DENIED_BY_STATEMENT, "the AWS IAM policy simulator: a Deny "
                    + "statement matches", statements));
        } else {
            kind = DecisionKind.IMPLICIT_DENY;
            if (Boolean.FALSE.equals(a.allowedByOrganizations())) {
                reasons.add(new Reason(ReasonCode.SCP_DOES_NOT_ALLOW, "the AWS IAM policy simulator: a service "
                        + "control policy does not allow it"));
            }
            if (Boolean.FALSE.equals(a.allowedByBoundary())) {
                reasons.add(new Reason(ReasonCode.BOUNDARY_DOES_NOT_ALLOW, "the AWS IAM policy simulator: the "
                        + "permissions boundary does not allow it"));
            }
            if (reasons.isEmpty()) {
                reasons.add(new Reason(ReasonCode.NO_ALLOW_IN_IDENTITY, "the AWS IAM policy simulator: no "
                        + "statement allows it", statements));
            }
        }
        if (!a.missing().isEmpty()) {
            reasons.add(new Reason(ReasonCode.MISSING_CONTEXT_VALUES, "the simulator had no value for "
                    + String.join(", ", new LinkedHashSet<>(a.missing()))
                    + ", so conditions on these keys were not decided by real values"));
        }
        return new Decision(kind, List.of(), reasons, Trace.of(List.of()));
    }

    /**
     * A matched statement, located in the project when it comes from a policy we sent: {@code SourcePolicyId} is
     * {@code PolicyInputList.N} / {@code PermissionsBoundaryPolicyInputList.N} / {@code ResourcePolicy}, and the
     * start line picks the statement out of our one-statement-per-line rendering.
     */
    private static StatementRef statementRef(software.amazon.awssdk.services.iam.model.Statement s, PolicySet set,
                                             Input in) {
        String id = String.valueOf(s.sourcePolicyId());
        int line = s.startPosition() == null || s.startPosition().line() == null ? 0 : s.startPosition().line();
        Optional<PolicyDocument> doc = Optional.empty();
        PolicyRole role = PolicyRole.IDENTITY;
        Matcher m = Pattern.compile("(PolicyInputList|PermissionsBoundaryPolicyInputList)\\.(\\d+)").matcher(id);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(2)) - 1;
            List<PolicyDocument> docs = m.group(1).equals("PolicyInputList") ? set.identityPolicies()
                    : set.permissionBoundaries();
            role = m.group(1).equals("PolicyInputList") ? PolicyRole.IDENTITY : PolicyRole.BOUNDARY;
            if (n >= 0 && n < docs.size()) {
                doc = Optional.of(docs.get(n));
            }
        } else if (id.equalsIgnoreCase("ResourcePolicy") || "resource".equals(s.sourcePolicyTypeAsString())) {
            role = PolicyRole.RESOURCE;
            doc = set.resourcePolicy();
        }
        if (doc.isPresent()) {
            int index = PolicyJson.statementIndexAt(line);
            if (index >= 0 && index < doc.get().statements().size()) {
                Statement st = doc.get().statements().get(index);
                return new StatementRef(doc.get().name(), role, -1, st.label(), st.location());
            }
        }
        String where = line > 0 ? "the statement at line " + line + (s.startPosition().column() == null ? ""
                : ", column " + s.startPosition().column()) : "a statement";
        return new StatementRef(id + (in.role().isPresent() && !m.matches() ? " (deployed, "
                + s.sourcePolicyTypeAsString() + ")" : ""), role, -1, where,
                dev.iampreflight.core.SourceLocation.unknown());
    }

    private void pace() {
        long interval = (long) (1_000_000_000L / settings.maxCallsPerSecond());
        long now = System.nanoTime();
        long wait = lastCallNanos + interval - now;
        if (lastCallNanos != 0 && wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastCallNanos = System.nanoTime();
    }

    private IamClient iam() {
        if (iam == null) {
            var b = IamClient.builder().httpClient(http()).credentialsProvider(credentials())
                    .region(iamRegion()).overrideConfiguration(c -> c.retryStrategy(retryStrategy()));
            iamEndpointOverride().ifPresent(u -> b.endpointOverride(URI.create(u)));
            iam = b.build();
        }
        return iam;
    }

    private StsClient sts() {
        if (sts == null) {
            var b = StsClient.builder().httpClient(http()).credentialsProvider(credentials())
                    .region(Region.of(region())).overrideConfiguration(c -> c.retryStrategy(retryStrategy()));
            stsEndpointOverride().ifPresent(u -> b.endpointOverride(URI.create(u)));
            sts = b.build();
        }
        return sts;
    }

    /**
     * The SDK's adaptive retry strategy (retries throttling and transient errors, and its client-side rate limiter
     * slows the calls down after a throttle), with a throttling backoff that starts at 200 ms: the SDK's default
     * first waits of several seconds would stall a CLI run (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
     */
    private static software.amazon.awssdk.retries.api.RetryStrategy retryStrategy() {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .throttlingBackoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(
                        Duration.ofMillis(200), Duration.ofSeconds(20)))
                .build();
    }

    private SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30)).build();
    }

    private AwsCredentialsProvider credentials() {
        return settings.profile().<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder()
                .profileName(p).build()).orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    private Optional<String> iamEndpointOverride() {
        return settings.iamEndpoint().or(() -> env("AWS_ENDPOINT_URL_IAM")).or(() -> env("AWS_ENDPOINT_URL"));
    }

    private Optional<String> stsEndpointOverride() {
        return env("AWS_ENDPOINT_URL_STS").or(() -> env("AWS_ENDPOINT_URL"));
    }

    private String iamEndpoint() {
        return iamEndpointOverride().orElse("the IAM endpoint of " + iamRegion());
    }

    private String stsEndpoint() {
        return stsEndpointOverride().orElse("the STS endpoint of " + region());
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(settings.environment().get(name)).filter(s -> !s.isBlank());
    }

    /**
     * The region: the option, the standard variables, the profile's {@code region}, else us-east-1 (IAM is a global
     * service; the region only picks the partition and the STS endpoint). Never the instance metadata service.
     */
    String region() {
        return settings.region().or(() -> env("AWS_REGION")).or(() -> env("AWS_DEFAULT_REGION"))
                .or(this::profileRegion).orElse("us-east-1");
    }

    private Optional<String> profileRegion() {
        try {
            String name = settings.profile().or(() -> env("AWS_PROFILE")).orElse("default");
            return ProfileFile.defaultProfileFile().profile(name).flatMap(p -> p.property("region"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** IAM's signing region is the partition's global region (https://docs.aws.amazon.com/general/latest/gr/iam-service.html). */
    private Region iamRegion() {
        RegionMetadata md = Region.of(region()).metadata();
        String partition = md == null ? "aws" : md.partition().id();
        return switch (partition) {
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            case "aws" -> Region.AWS_GLOBAL;
            default -> Region.of(region());
        };
    }

    /** A user error that says what failed and how to fix it, without credentials, tokens or signatures. */
    private UserException failure(SdkException e, String operation, String endpoint) {
        String action = operation;
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            String code = String.valueOf(ase.awsErrorDetails().errorCode());
            switch (code) {
                case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation" -> {
                    return new UserException("the AWS credentials in use" + knownCallerIdentity()
                            .map(c -> " (" + c.arn() + ")").orElse("") + " may not call " + action + " (AccessDenied): "
                            + "grant them the permission " + action + " on the resource * (for SimulatePrincipalPolicy, "
                            + "on the role's ARN), or choose credentials that have it with --profile");
                }
                case "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException",
                     "IncompleteSignature", "MissingAuthenticationToken" -> {
                    // AWS's message for these quotes the canonical request, which can carry the session token.
                    return new UserException("AWS rejected the credentials in use (" + code + ") when calling "
                            + action + ": they are wrong or for another partition; set valid keys, run `aws sso "
                            + "login`, or choose another --profile");
                }
                case "ExpiredToken", "ExpiredTokenException", "RequestExpired" -> {
                    return new UserException("the AWS credentials in use have expired (" + code + "): refresh them "
                            + "(for example `aws sso login`) and run again");
                }
                case "Throttling", "ThrottlingException", "RequestLimitExceeded" -> {
                    return new UserException("AWS kept throttling " + action + " after the SDK's retries: run again "
                            + "later, or check fewer targets at once (--target)");
                }
                default -> {
                    return new UserException(action + " failed at " + endpoint + ": " + code + ": "
                            + Redact.message(ase.awsErrorDetails().errorMessage()));
                }
            }
        }
        String msg = Redact.message(e.getMessage());
        if (e instanceof SdkClientException) {
            if (msg.contains("Unable to load credentials") || msg.contains("credentials")
                    && msg.contains("provider")) {
                return new UserException("no AWS credentials found for " + action + ": set AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY, run `aws configure` or `aws sso login`, or name a profile with "
                        + "--profile (or AWS_PROFILE)" + settings.profile().map(p -> "; profile '" + p
                        + "' gave none").orElse(""));
            }
            if (msg.contains("Profile file contained no credentials") || msg.contains("profile")
                    && msg.toLowerCase(java.util.Locale.ROOT).contains("not")) {
                return new UserException("no usable AWS credentials in profile '" + settings.profile().orElse("default")
                        + "' for " + action + ": check ~/.aws/config and ~/.aws/credentials (" + msg + ")");
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UnknownHostException || t instanceof ConnectException
                        || t instanceof java.net.SocketTimeoutException || t instanceof HttpTimeoutException
                        || t instanceof java.net.NoRouteToHostException) {
                    return new UserException("cannot reach " + endpoint + " for " + action + " ("
                            + t.getClass().getSimpleName() + "): check the network connection and proxy settings, "
                            + "or the --endpoint-url / AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL_STS you gave");
                }
            }
            if (msg.contains("nmarshall") || msg.contains("XML") || msg.contains("parse")) {
                return new UserException(endpoint + " did not answer " + action + " as the AWS API does (" + msg
                        + "): check --endpoint-url / AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL_STS");
            }
        }
        return new UserException(action + " failed at " + endpoint + ": " + msg);
    }

    @Override
    public synchronized void close() {
        if (iam != null) {
            iam.close();
        }
        if (sts != null) {
            sts.close();
        }
    }

    /** The account ids the simulator would fill into ARNs whose account is unknown. */
    public static boolean hasUnknownAccount(String arn) {
        return UNKNOWN_ACCOUNT.matcher(arn).find();
    }

    /** For tests and messages: which keys of a request the simulator would get as typed context entries. */
    public Set<String> contextKeys(Request r) {
        Set<String> out = new LinkedHashSet<>();
        for (ContextTypes.Entry e : contextTypes.entries(r.context())) {
            out.add(e.key());
        }
        return out;
    }
}
