package dev.iampreflight.eval.local;

import dev.iampreflight.eval.ActionFacts;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.ElementCheck;
import dev.iampreflight.eval.Engine;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.PolicyTrace;
import dev.iampreflight.eval.Reason;
import dev.iampreflight.eval.ReasonCode;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.ResourcePolicyKind;
import dev.iampreflight.eval.StatementRef;
import dev.iampreflight.eval.StatementTrace;
import dev.iampreflight.eval.Trace;
import dev.iampreflight.eval.local.PreparedPolicySet.Slot;
import dev.iampreflight.eval.local.internal.CompiledCondition;
import dev.iampreflight.eval.local.internal.CompiledPolicy;
import dev.iampreflight.eval.local.internal.CompiledStatement;
import dev.iampreflight.eval.local.internal.PrincipalMatcher;
import dev.iampreflight.eval.local.internal.RequestContext;
import dev.iampreflight.eval.local.internal.ServiceRules;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.policy.internal.Glob;
import dev.iampreflight.policy.internal.GlobAutomaton;
import dev.iampreflight.policy.internal.GlobPairs;
import dev.iampreflight.policy.internal.PairMemo;
import dev.iampreflight.policy.internal.SubjectFacts;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our offline implementation of AWS's documented policy evaluation logic
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policies_flow.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html):
 * <ol>
 * <li>an explicit Deny in any policy wins;</li>
 * <li>every RCP level and (for IAM principals) every SCP level must allow; an SCP's Deny does not apply to service
 * principals or anonymous requests;</li>
 * <li>anonymous and service-principal requests are allowed only by the resource policy;</li>
 * <li>a KMS key policy or role trust policy must allow the principal or its account root;</li>
 * <li>cross-account: the resource policy must allow (principal or account) and the identity side must allow;</li>
 * <li>same account: a resource policy naming the user or role session grants on its own (not limited by an implicit
 * deny in identity policies, boundaries or session policies); naming the role grants within the boundary and session
 * policy; naming only the account root needs the identity side;</li>
 * <li>identity side: an identity policy allows, and every permissions boundary and the session policy allow.</li>
 * </ol>
 * Thread-safe; compiled policies are cached by document identity, and {@link #prepare} makes a set reusable.
 */
public final class LocalEngine implements Engine {

    private static final int CACHE_SIZE = 1024;

    private final ActionFacts facts;
    /**
     * A cache key that compares by identity: hashing a whole document or policy set on every lookup would cost more
     * than it saves.
     */
    private record Identity<T>(T value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity<?> k && k.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** A thread-safe map that drops the least recently used entry beyond {@code max} entries. */
    private static <K, V> Map<K, V> lru(int max) {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > max;
            }
        });
    }

    /** Compiled documents, by identity. */
    private final Map<Identity<PolicyDocument>, CompiledPolicy> compiled = lru(CACHE_SIZE);
    /** Sets seen by {@link #evaluate(PolicySet, Request)}, by identity, least recently used dropped first. */
    private final Map<Identity<PolicySet>, PreparedPolicySet> prepared = lru(256);

    /** A request with unknown parts, against one prepared set. */
    private record SymbolicKey(Identity<PreparedPolicySet> set, Request request) {
    }

    /**
     * Answers for requests with unknown parts, which cost an automaton exploration each; a batch or a project asks
     * the same few again and again. Bounded, least recently used dropped first.
     */
    private final Map<SymbolicKey, Decision> symbolicAnswers = lru(4096);

    /**
     * Answers about pairs of patterns (request pattern and policy pattern), which depend on the two patterns alone:
     * requests for several actions on one resource, or one request against several policy sets that share
     * documents, ask the same ones.
     */
    private final PairMemo.Store pairAnswers = new PairMemo.Store(8192);

    /**
     * What {@link #decide} reads of a request besides which statements apply: the principal, the resource (a KMS
     * key's, and the account fields that make a request cross-account) and the request's resource account.
     */
    private record DecisionKey(Identity<PreparedPolicySet> set, java.util.Optional<String> principal,
                               java.util.Optional<String> resourceAccount, String requestResource, String resource,
                               int hash) {
        DecisionKey(Identity<PreparedPolicySet> set, java.util.Optional<String> principal,
                    java.util.Optional<String> resourceAccount, String requestResource, String resource) {
            this(set, principal, resourceAccount, requestResource, resource,
                    (((set.hashCode() * 31 + principal.hashCode()) * 31 + resourceAccount.hashCode()) * 31
                            + requestResource.hashCode()) * 31 + resource.hashCode());
        }

        // Written out (a record's own equals and hashCode went through method handles, a tenth of the kept path).
        @Override
        public boolean equals(Object o) {
            return o instanceof DecisionKey k && k.hash == hash && k.set.value == set.value
                    && k.principal.equals(principal) && k.resourceAccount.equals(resourceAccount)
                    && k.requestResource.equals(requestResource) && k.resource.equals(resource);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * What is kept for one {@link DecisionKey}: decisions by set of applying statements (the decision logic reads
     * nothing else), and whole answers by what a request with unknown parts reads of the statements (which apply apart
     * from their resource, and their resource patterns): given those and the key, {@link #symbolic} is determined, so
     * another action on the same resource whose statements apply alike (every action of a statement's list, or a
     * wildcard action) reads the answer, and one whose statements apply otherwise decides each of its two or three
     * distinct statement sets once.
     */
    private static final class Kept {
        final Map<BitSet, Acc> decisions = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<StatementsKey, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<List<String>, Reason> someReasons = new java.util.concurrent.ConcurrentHashMap<>();
        /**
         * The request's resource read as a pattern ({@link Glob#request} of the key's resource), or null before the
         * first decision (a racing write stores an equal pattern).
         */
        volatile Glob request;
    }

    /** A kept answer: a decision without its trace (which reads the request it is made for). */
    private record Answer(DecisionKind kind, List<String> allowedPatterns, List<Reason> reasons) {
    }

    /**
     * What {@link #symbolic} reads of the statements: the request's pattern and the resource patterns (in the order
     * first met), and per statement whether it applies apart from its resource, its flags and its patterns' indexes.
     */
    private record StatementsKey(List<Glob> globs, int[] code, int hash) {
        StatementsKey(List<Glob> globs, int[] code) {
            this(globs, code, globs.hashCode() * 31 + java.util.Arrays.hashCode(code));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StatementsKey k && k.hash == hash && java.util.Arrays.equals(k.code, code)
                    && k.globs.equals(globs);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Kept per {@link DecisionKey}, bounded: each level is emptied when full (everything kept can be made again, and
     * which is kept never changes an answer).
     */
    private final Map<DecisionKey, Kept> keptDecisions = new java.util.concurrent.ConcurrentHashMap<>();
    private final int maxKeptDecisionKeys;
    private final int maxKeptDecisionsPerKey;

    public LocalEngine(ActionFacts facts) {
        this(facts, false);
    }

    /**
     * {@code exploreOnly}: answer requests with unknown parts by the product exploration alone, the reference the
     * polynomial path is tested against.
     */
    LocalEngine(ActionFacts facts, boolean exploreOnly) {
        this(facts, exploreOnly, 1024, 64, true);
    }

    /**
     * With the bounds of the kept decisions given (tests empty them often), and whether whole answers are kept by
     * statements (off: a benchmark measures what a request whose statements apply otherwise pays).
     */
    LocalEngine(ActionFacts facts, boolean exploreOnly, int maxKeptDecisionKeys, int maxKeptDecisionsPerKey,
                boolean keepAnswers) {
        this.facts = facts;
        this.exploreOnly = exploreOnly;
        this.maxKeptDecisionKeys = maxKeptDecisionKeys;
        this.maxKeptDecisionsPerKey = maxKeptDecisionsPerKey;
        this.keepAnswers = keepAnswers;
    }

    private final boolean keepAnswers;

    /** A decision's work reading and keeping the engine's pair answers and decisions. */
    private Work keptWork(PreparedPolicySet p, RequestContext c) {
        DecisionKey k = new DecisionKey(new Identity<>(p), c.request.principal(), c.request.resourceAccount(),
                c.request.resource(), c.resource);
        Kept d = keptDecisions.get(k);
        if (d == null) {
            // Two threads may both empty it or overfill it by a few: harmless, every decision is the same either way.
            if (keptDecisions.size() >= maxKeptDecisionKeys) {
                keptDecisions.clear();
            }
            d = keptDecisions.computeIfAbsent(k, x -> new Kept());
        }
        return new Work(new PairMemo(pairAnswers), d, keepAnswers, maxKeptDecisionsPerKey);
    }

    /** How many "allowed for some" reasons the engine keeps (for tests). */
    int keptReasons() {
        int n = 0;
        for (Kept m : keptDecisions.values()) {
            n += m.someReasons.size();
        }
        return n;
    }

    /** How many decisions the engine keeps (for tests). */
    int keptDecisions() {
        int n = 0;
        for (Kept m : keptDecisions.values()) {
            n += m.decisions.size() + m.answers.size();
        }
        return n;
    }

    private final boolean exploreOnly;

    /** An engine that learns wildcard-only actions from the bundled knowledge base. */
    public static LocalEngine withBundledKnowledge() {
        return new LocalEngine(ActionFacts.bundled());
    }

    /**
     * Whether {@code request} is cross-account as this engine decides it: its principal and its resource (the
     * request's resource account, else the resource ARN's account field) in different, known twelve-digit accounts.
     * An unknown account proves nothing.
     */
    public static boolean crossAccount(Request request) {
        return new RequestContext(request, request.resource(), false).crossAccount();
    }

    /** Compiles a policy set once for many evaluations. */
    public PreparedPolicySet prepare(PolicySet set) {
        return new PreparedPolicySet(set, this::compile);
    }

    CompiledPolicy compile(PolicyDocument d) {
        Identity<PolicyDocument> k = new Identity<>(d);
        CompiledPolicy c = compiled.get(k);
        if (c == null) {
            c = CompiledPolicy.compile(d);
            compiled.put(k, c);
        }
        return c;
    }

    @Override
    public Decision evaluate(PolicySet set, Request request) {
        Identity<PolicySet> key = new Identity<>(set);
        PreparedPolicySet p = prepared.get(key);
        if (p == null) {
            p = prepare(set);
            prepared.put(key, p);
        }
        return evaluate(p, request);
    }

    public Decision evaluate(PreparedPolicySet p, Request request) {
        boolean wildcardOnly = facts.isWildcardOnly(request.action());
        // A wildcard-only action has no resource: only Resource elements that match "*" grant it.
        String resource = wildcardOnly ? "*" : request.resource();
        RequestContext ctx = new RequestContext(request, resource, p.boundaries.length > 0);
        java.util.Optional<ServiceRules.Verdict> service = ServiceRules.verdict(request.action(), request.resource());
        if (service.isPresent()) {
            ServiceRules.Verdict v = service.get();
            return new Decision(v.allowed() ? DecisionKind.ALLOWED : DecisionKind.IMPLICIT_DENY, List.of(),
                    List.of(new Reason(v.code(), v.message())), new Trace(() -> trace(p, ctx, null, wildcardOnly)));
        }
        if (!wildcardOnly && request.hasUnknownResource()) {
            SymbolicKey key = new SymbolicKey(new Identity<>(p), request);
            Decision cached = symbolicAnswers.get(key);
            if (cached == null) {
                cached = symbolic(p, ctx, keptWork(p, ctx));
                symbolicAnswers.put(key, cached);
            }
            return cached;
        }
        Acc acc = decide(p, ctx, CONCRETE);
        if (wildcardOnly && acc.kind == DecisionKind.IMPLICIT_DENY) {
            Decision maybe = undocumentedResource(p, request);
            if (maybe != null) {
                return maybe;
            }
        }
        List<Reason> reasons = acc.reasons;
        if (acc.kind == DecisionKind.ALLOWED && p.resource == null && isKmsKey(ctx.resource)) {
            // The answer depends on a policy we were not given: say so (the decision stays the identity side's).
            reasons = new ArrayList<>(reasons);
            reasons.add(R_NO_KEY_POLICY);
        }
        return new Decision(acc.kind, List.of(), reasons, new Trace(() -> trace(p, ctx, null, wildcardOnly)));
    }

    /**
     * A request with unknown parts answered without the answer cache and without the answers about pairs of patterns
     * kept from earlier decisions (benchmarks measure the decision itself, with only what it shares within itself).
     */
    Decision evaluateUncached(PreparedPolicySet p, Request request) {
        return symbolic(p, uncachedContext(p, request), new Work(new PairMemo(null)));
    }

    /** How many answers about pairs of patterns the engine keeps (for tests). */
    int keptPairAnswers() {
        return pairAnswers.size();
    }

    /**
     * {@link #evaluateUncached} reading and keeping the engine's answers about pairs of patterns and its decisions
     * (what another request on the same resource pattern reads).
     */
    Decision evaluateUncachedKeepingPairs(PreparedPolicySet p, Request request) {
        RequestContext c = uncachedContext(p, request);
        return symbolic(p, c, keptWork(p, c));
    }

    private static RequestContext uncachedContext(PreparedPolicySet p, Request request) {
        return new RequestContext(request, request.resource(), p.boundaries.length > 0);
    }

    /**
     * Actions the Service Authorization Reference lists with no resource type that AWS is seen to authorize against
     * one resource, which the call does not name: {@code states:SendTask*} is evaluated against the state machine or
     * the activity that issued the task token (AccessDenied messages name the state machine, NOAA-OWP/hydrovis#837;
     * an aws-cdk maintainer found a grant on the activity, or on the state machine of a Lambda callback, to work,
     * aws/aws-cdk#8486). The token does not tell which, so the request is any Step Functions resource: a grant on one
     * state machine is "allowed for some" (a warning), never a certain deny.
     */
    private static final Map<String, String> ONE_RESOURCE_UNDOCUMENTED = Map.of(
            "states:sendtasksuccess", "arn:{?}:states:{?}:{?}:{?}",
            "states:sendtaskfailure", "arn:{?}:states:{?}:{?}:{?}",
            "states:sendtaskheartbeat", "arn:{?}:states:{?}:{?}:{?}");

    /**
     * An action the Service Authorization Reference lists with no resource type is still evaluated by AWS against
     * some resource ARN of its service, which AWS does not document for most actions (dynamodb:ListTables is evaluated
     * against {@code arn:aws:dynamodb:REGION:ACCOUNT:table/*}, as its AccessDenied message shows). So a statement whose
     * Resource is not "*" but could match an ARN of the service ({@code arn:aws:dynamodb:us-east-1:*:*}) may allow it:
     * the request is evaluated against {@code arn:{?}:SERVICE:{?}*}, and where that could be allowed the answer is
     * "allowed for some", never a certain deny. The ARN ends in {@code *}: the Service Authorization Reference says
     * such an action needs Resource "*" ("If there is no value for this column, you must specify all resources"),
     * and the ARNs AWS is seen to use are service-wide patterns ({@code table/*}), never one resource of the
     * account; so a statement that names one resource ({@code ...:autoScalingGroupName/app}, even with unknown
     * account or id parts) cannot grant the action, and the denial stays certain.
     */
    private Decision undocumentedResource(PreparedPolicySet p, Request request) {
        int colon = request.action().indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String lower = request.action().toLowerCase(java.util.Locale.ROOT);
        String arn = ONE_RESOURCE_UNDOCUMENTED.getOrDefault(lower,
                "arn:{?}:" + lower.substring(0, colon) + ":{?}*");
        RequestContext c = new RequestContext(request, arn, p.boundaries.length > 0);
        Decision d = symbolic(p, c, keptWork(p, c));
        if (d.kind() != DecisionKind.ALLOWED && d.kind() != DecisionKind.ALLOWED_FOR_SOME) {
            return null;
        }
        List<Reason> reasons = new ArrayList<>();
        reasons.add(new Reason(ReasonCode.UNDOCUMENTED_RESOURCE, request.action() + " supports no resource type "
                + "(Service Authorization Reference), so only Resource \"*\" certainly grants it; AWS evaluates it "
                + (ONE_RESOURCE_UNDOCUMENTED.containsKey(lower)
                ? "against the state machine or activity that issued the task token, which "
                : "against an ARN it does not document, which ")
                + (d.allowedPatterns().isEmpty() ? "a statement" : String.join(", ", d.allowedPatterns()))
                + " may match"));
        return new Decision(DecisionKind.ALLOWED_FOR_SOME, d.allowedPatterns(), reasons, d.trace());
    }

    // ---------------------------------------------------------------------------------------------------------
    // The decision logic, shared by concrete and symbolic evaluation.

    /** Whether a statement applies; the symbolic path answers from automaton states. */
    interface Tester {
        boolean applies(Slot slot, int index, CompiledStatement s, RequestContext c);
    }

    private static final Tester CONCRETE = (slot, index, s, c) -> s.applies(c);

    /** What one decision found. */
    static final class Acc {
        List<StatementRef> denies;
        DecisionKind kind;
        List<Reason> reasons;

        void deny(Slot slot, CompiledStatement s) {
            if (denies == null) {
                denies = new ArrayList<>(2);
            }
            denies.add(slot.ref(s));
        }
    }

    private static final Reason R_IDENTITY = new Reason(ReasonCode.ALLOWED_BY_IDENTITY,
            "allowed by an identity-based policy");
    private static final Reason R_RESOURCE = new Reason(ReasonCode.ALLOWED_BY_RESOURCE_POLICY,
            "allowed by the resource-based policy, which names the principal");
    private static final Reason R_BOTH = new Reason(ReasonCode.ALLOWED_BY_BOTH,
            "cross-account request allowed by both the identity-based and the resource-based policy");
    private static final Reason R_ROOT = new Reason(ReasonCode.ALLOWED_AS_ROOT,
            "the account root user in its own account");

    /** Bit 1: an Allow applies; bit 2: a Deny applies (recorded in acc). */
    private static int scan(Slot slot, RequestContext c, Tester t, Acc acc) {
        int r = 0;
        List<CompiledStatement> st = slot.policy().statements;
        for (int i = 0, n = st.size(); i < n; i++) {
            CompiledStatement s = st.get(i);
            if (s.deny) {
                if (t.applies(slot, i, s, c)) {
                    acc.deny(slot, s);
                    r |= 2;
                }
            } else if ((r & 1) == 0 && t.applies(slot, i, s, c)) {
                r |= 1;
            }
        }
        return r;
    }

    static Acc decide(PreparedPolicySet p, RequestContext c, Tester t) {
        Acc acc = new Acc();
        boolean idAllow = false;
        for (Slot s : p.identity) {
            idAllow |= (scan(s, c, t, acc) & 1) != 0;
        }
        int boundaryFail = -1;
        for (int i = 0; i < p.boundaries.length; i++) {
            if ((scan(p.boundaries[i], c, t, acc) & 1) == 0 && boundaryFail < 0) {
                boundaryFail = i;
            }
        }
        boolean sessionOk = p.session == null || (scan(p.session, c, t, acc) & 1) != 0;
        // SCPs limit only the IAM users and roles of member accounts: a service principal or an anonymous request is
        // not subject to them, so their statements neither deny nor fail to allow it
        // (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
        int scpFail = c.principal.isIamPrincipal() ? levels(p.scps, c, t, acc) : -1;
        int rcpFail = levels(p.rcps, c, t, acc);
        int grant = PrincipalMatcher.NONE;
        if (p.resource != null) {
            List<CompiledStatement> st = p.resource.policy().statements;
            for (int i = 0, n = st.size(); i < n; i++) {
                CompiledStatement s = st.get(i);
                if (t.applies(p.resource, i, s, c)) {
                    if (s.deny) {
                        acc.deny(p.resource, s);
                    } else {
                        grant = Math.max(grant, s.grant(c));
                    }
                }
            }
        }
        if (acc.denies != null) {
            acc.kind = DecisionKind.EXPLICIT_DENY;
            acc.reasons = List.of(new Reason(ReasonCode.DENIED_BY_STATEMENT, "explicitly denied by "
                    + describe(acc.denies), acc.denies));
            return acc;
        }
        List<Reason> why = new ArrayList<>(0);
        if (rcpFail >= 0) {
            why.add(new Reason(ReasonCode.RCP_DOES_NOT_ALLOW, "no statement in resource control policy level "
                    + rcpFail + " allows the request"));
        }
        boolean iam = c.principal.isIamPrincipal();
        if (iam && scpFail >= 0) {
            why.add(new Reason(ReasonCode.SCP_DOES_NOT_ALLOW, "no statement in service control policy level "
                    + scpFail + " allows the request"));
        }
        ResourcePolicyKind kind = kindOf(p, c);
        boolean trust = p.resource != null && kind != ResourcePolicyKind.GENERIC;
        if (!iam) {
            if (grant == PrincipalMatcher.NONE) {
                why.add(new Reason(ReasonCode.RESOURCE_POLICY_DOES_NOT_ALLOW, (p.resource == null
                        ? "no resource-based policy" : "the resource-based policy does not allow")
                        + " the " + (c.principal.type() == dev.iampreflight.eval.local.internal.PrincipalInfo.Type.SERVICE
                        ? "service principal" : "anonymous principal")
                        + "; identity-based policies cannot grant it"));
            }
            return finish(acc, why, R_RESOURCE);
        }
        if (trust && grant == PrincipalMatcher.NONE) {
            why.add(new Reason(ReasonCode.RESOURCE_POLICY_DOES_NOT_TRUST, "the "
                    + (kind == ResourcePolicyKind.KMS_KEY ? "KMS key policy" : "role trust policy")
                    + " allows neither the principal nor its account root; IAM policies alone cannot grant access"));
        }
        boolean root = c.principal.type() == dev.iampreflight.eval.local.internal.PrincipalInfo.Type.ROOT;
        boolean boundaryOk = boundaryFail < 0 || root;
        boolean sessOk = sessionOk || root;
        boolean identityOk = (idAllow || root) && boundaryOk && sessOk;
        if (c.crossAccount()) {
            if (grant == PrincipalMatcher.NONE && !trust) {
                why.add(new Reason(ReasonCode.RESOURCE_POLICY_DOES_NOT_ALLOW, p.resource == null
                        ? "cross-account request and the resource has no resource-based policy"
                        : "cross-account request and the resource-based policy does not allow the principal or its "
                        + "account"));
            }
            identityReasons(why, idAllow || root, boundaryOk, sessOk, boundaryFail);
            return finish(acc, why, R_BOTH);
        }
        if (grant == PrincipalMatcher.DIRECT) {
            return finish(acc, why, R_RESOURCE);
        }
        if (grant == PrincipalMatcher.ROLE && boundaryOk && sessOk) {
            return finish(acc, why, R_RESOURCE);
        }
        if (!identityOk) {
            identityReasons(why, idAllow || root, boundaryOk, sessOk, boundaryFail);
        }
        return finish(acc, why, root ? R_ROOT : R_IDENTITY);
    }

    /**
     * The kind of the resource policy: as given, except that a policy given as generic for a KMS key ARN is that key's
     * key policy (a key's only resource policy is its key policy,
     * https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html).
     */
    private static ResourcePolicyKind kindOf(PreparedPolicySet p, RequestContext c) {
        if (p.resourceKind == ResourcePolicyKind.GENERIC && isKmsKey(c.resource)) {
            return ResourcePolicyKind.KMS_KEY;
        }
        return p.resourceKind;
    }

    /** An ARN of a KMS key ({@code arn:PARTITION:kms:REGION:ACCOUNT:key/ID}), possibly with unknown parts. */
    static boolean isKmsKey(String resource) {
        if (!resource.startsWith("arn:")) {
            return false;
        }
        int service = resource.indexOf(':', 4) + 1; // after the partition
        if (service <= 0 || !resource.startsWith("kms:", service)) {
            return false;
        }
        int region = service + 4;
        int account = resource.indexOf(':', region) + 1;
        int rest = account <= 0 ? 0 : resource.indexOf(':', account) + 1;
        return rest > 0 && resource.startsWith("key/", rest);
    }

    private static final Reason R_NO_KEY_POLICY = new Reason(ReasonCode.KEY_POLICY_UNKNOWN,
            "no key policy is known for this KMS key, so only the identity side was evaluated: the key policy must "
                    + "also allow the principal or its account (the default key policy delegates to IAM by allowing "
                    + "the account root; a key in another account or with a custom key policy may not)");

    private static void identityReasons(List<Reason> why, boolean idAllow, boolean boundaryOk, boolean sessionOk,
                                        int boundaryFail) {
        if (!idAllow) {
            why.add(new Reason(ReasonCode.NO_ALLOW_IN_IDENTITY, "no identity-based policy allows the request"));
        }
        if (!boundaryOk) {
            why.add(new Reason(ReasonCode.BOUNDARY_DOES_NOT_ALLOW, "the permissions boundary"
                    + (boundaryFail > 0 ? " #" + (boundaryFail + 1) : "") + " does not allow the request"));
        }
        if (!sessionOk) {
            why.add(new Reason(ReasonCode.SESSION_POLICY_DOES_NOT_ALLOW,
                    "the session policy does not allow the request"));
        }
    }

    private static Acc finish(Acc acc, List<Reason> why, Reason allowed) {
        if (why.isEmpty()) {
            acc.kind = DecisionKind.ALLOWED;
            acc.reasons = List.of(allowed);
        } else {
            acc.kind = DecisionKind.IMPLICIT_DENY;
            acc.reasons = why;
        }
        return acc;
    }

    /** Index of the first level with no allowing statement, or -1. */
    private static int levels(Slot[][] levels, RequestContext c, Tester t, Acc acc) {
        int fail = -1;
        for (int i = 0; i < levels.length; i++) {
            boolean allow = false;
            for (Slot s : levels[i]) {
                allow |= (scan(s, c, t, acc) & 1) != 0;
            }
            if (!allow && fail < 0) {
                fail = i;
            }
        }
        return fail;
    }

    private static String describe(List<StatementRef> refs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < refs.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(refs.get(i));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Unknown resource parts: exact analysis over the product automaton of the request pattern and every resource
    // pattern of every statement that applies apart from its resource.

    /** Per-statement symbolic resource data. */
    private record SymStatement(boolean nonResource, int[] globs, boolean negated, boolean noElement,
                                boolean unresolvedNot) {
    }

    private Decision symbolic(PreparedPolicySet p, RequestContext c, Work memo) {
        Glob request = memo.request(c);
        List<Glob> globs = new ArrayList<>();
        globs.add(request);
        SymStatement[] sym = new SymStatement[p.statementCount];
        for (Slot slot : p.all) {
            List<CompiledStatement> st = slot.policy().statements;
            for (int i = 0; i < st.size(); i++) {
                CompiledStatement s = st.get(i);
                boolean non = s.appliesIgnoringResource(c);
                List<Glob> rg = non ? s.resourceGlobs(c) : null;
                int[] idx = new int[rg == null ? 0 : rg.size()];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = indexOf(globs, rg.get(k));
                }
                sym[slot.offset() + i] = new SymStatement(non, idx, s.resourceNegated(),
                        non && rg == null, non && rg != null && s.resourceUnresolvedInNot(c));
            }
        }
        if (memo.answers == null) {
            return symbolic(p, c, globs, sym, memo);
        }
        StatementsKey key = new StatementsKey(globs, code(sym));
        Answer kept = memo.answers.get(key);
        if (kept == null) {
            Decision d = symbolic(p, c, globs, sym, memo);
            if (memo.answers.size() >= memo.maxDecisions) {
                memo.answers.clear();
            }
            // Kept without the trace, which holds this request's context.
            memo.answers.put(new StatementsKey(List.copyOf(globs), key.code),
                    new Answer(d.kind(), d.allowedPatterns(), d.reasons()));
            return d;
        }
        // The answer is this request's; the trace is read from its own context.
        return new Decision(kept.kind(), kept.allowedPatterns(), kept.reasons(),
                symbolicTrace(p, c, globs));
    }

    /** The trace of a decision with unknown parts, built when read (a named class: see {@link StatusTester}). */
    private static Trace symbolicTrace(PreparedPolicySet p, RequestContext c, List<Glob> globs) {
        return new Trace(new SymbolicTrace(p, c, globs));
    }

    private record SymbolicTrace(PreparedPolicySet p, RequestContext c, List<Glob> globs)
            implements java.util.function.Supplier<List<PolicyTrace>> {
        @Override
        public List<PolicyTrace> get() {
            return trace(p, c, globs, false);
        }
    }

    /** Per statement: its flags, then how many resource patterns it has and their indexes. */
    private static int[] code(SymStatement[] sym) {
        int n = 0;
        for (SymStatement ss : sym) {
            n += 2 + ss.globs.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (SymStatement ss : sym) {
            out[k++] = (ss.nonResource ? 1 : 0) | (ss.negated ? 2 : 0) | (ss.noElement ? 4 : 0)
                    | (ss.unresolvedNot ? 8 : 0);
            out[k++] = ss.globs.length;
            for (int g : ss.globs) {
                out[k++] = g;
            }
        }
        return out;
    }

    /** The answer from the request's pattern and the statements' resource patterns ({@code globs}) and {@code sym}. */
    private Decision symbolic(PreparedPolicySet p, RequestContext c, List<Glob> globs, SymStatement[] sym,
                              Work memo) {
        try {
            Outcomes all = outcomes(p, c, globs, sym, exploreOnly, memo);
            if (all.denied == null) {
                return new Decision(DecisionKind.ALLOWED, List.of(), all.allowed.reasons,
                        symbolicTrace(p, c, globs));
            }
            if (all.allowed == null) {
                Acc d = all.explicit != null ? all.explicit : all.denied;
                return new Decision(d.kind, List.of(), d.reasons, symbolicTrace(p, c, globs));
            }
            List<String> patterns = allowedPatterns(p, c, globs, sym, exploreOnly, memo);
            List<Reason> reasons = new ArrayList<>();
            reasons.add(memo.someReason(c, patterns));
            Acc d = all.explicit != null ? all.explicit : all.denied;
            reasons.addAll(d.reasons);
            return new Decision(DecisionKind.ALLOWED_FOR_SOME, patterns, reasons,
                    symbolicTrace(p, c, globs));
        } catch (GlobAutomaton.TooComplex e) {
            // Not analysed to the end: neither a certain allow nor a certain deny (an error must mean "will be
            // denied"), so the answer is the uncertain one, which check reports as a warning.
            return new Decision(DecisionKind.ALLOWED_FOR_SOME, List.of(), List.of(new Reason(
                    ReasonCode.ALLOWED_FOR_SOME_RESOURCES, "the patterns are too complex to analyse exactly (over "
                    + GlobAutomaton.MAX_STATES + " states), so whether '" + c.request.resource()
                    + "' is allowed for every value of its unknown parts is not known")),
                    symbolicTrace(p, c, globs));
        }
    }

    /**
     * What one decision with unknown parts shares between its steps: the answers about pairs of patterns, and the
     * decisions already made, by which statements apply. The decision logic reads nothing of the tester but which
     * statements apply (the tester is a pure function of the statement), so two testers that agree on every
     * statement give the same decision: the optimistic, pessimistic and witness decisions of the request and of each
     * "allowed for" candidate are mostly the same two or three.
     */
    static final class Work {
        final PairMemo pairs;
        private final Map<BitSet, Acc> decisions;
        /** Whole answers kept by what the request reads of the statements, or null (the uncached path). */
        private final Map<StatementsKey, Answer> answers;
        /**
         * The "allowed for some" reasons by "allowed for" patterns, kept for one {@link DecisionKey} (whose request
         * resource is the one the reason names), or null: the sentence is made once.
         */
        private final Map<List<String>, Reason> someReasons;
        private final int maxDecisions;
        /** The set of applying statements being asked about (looked up without allocating one per question). */
        private final BitSet scratch = new BitSet();

        /** A decision's own work, sharing nothing with others. */
        Work(PairMemo pairs) {
            this.pairs = pairs;
            this.kept = null;
            this.decisions = new java.util.HashMap<>();
            this.answers = null;
            this.someReasons = null;
            this.maxDecisions = Integer.MAX_VALUE;
        }

        /**
         * A decision's work reading and keeping what {@code kept} holds for the request's {@link DecisionKey} (whole
         * answers only if {@code keepAnswers}); each map is emptied when it reaches {@code maxDecisions}.
         */
        Work(PairMemo pairs, Kept kept, boolean keepAnswers, int maxDecisions) {
            this.pairs = pairs;
            this.kept = kept;
            this.decisions = kept.decisions;
            this.answers = keepAnswers ? kept.answers : null;
            this.someReasons = kept.someReasons;
            this.maxDecisions = maxDecisions;
        }

        /** What is kept for the request's {@link DecisionKey}, or null (the uncached path). */
        private final Kept kept;

        /** The request's resource read as a pattern. */
        Glob request(RequestContext c) {
            Glob g = kept == null ? null : kept.request;
            if (g == null) {
                g = pairs.request(c.resource, Wildcards.Mode.RESOURCE);
                if (kept != null) {
                    kept.request = g;
                }
            }
            return g;
        }

        /** The reason an answer "allowed for some" of the request's values gives first. */
        Reason someReason(RequestContext c, List<String> patterns) {
            Reason r = someReasons == null ? null : someReasons.get(patterns);
            if (r == null) {
                r = new Reason(ReasonCode.ALLOWED_FOR_SOME_RESOURCES, "allowed only for some values of '"
                        + c.request.resource() + "'" + (patterns.isEmpty() ? "" : ": " + String.join(", ", patterns)));
                if (someReasons != null) {
                    if (someReasons.size() >= maxDecisions) {
                        someReasons.clear();
                    }
                    someReasons.put(List.copyOf(patterns), r);
                }
            }
            return r;
        }

        /** {@link LocalEngine#decide}, once per set of applying statements (the Acc returned is not to be changed). */
        Acc decide(PreparedPolicySet p, RequestContext c, Tester t) {
            BitSet applies = scratch;
            applies.clear();
            for (Slot slot : p.all) {
                List<CompiledStatement> st = slot.policy().statements;
                for (int i = 0, n = st.size(); i < n; i++) {
                    if (t.applies(slot, i, st.get(i), c)) {
                        applies.set(slot.offset() + i);
                    }
                }
            }
            Acc a = decisions.get(applies);
            if (a == null) {
                // A copy is kept: the scratch set is reused by the next question.
                BitSet kept = (BitSet) applies.clone();
                a = LocalEngine.decide(p, c, new SetTester(kept));
                applies = kept;
                if (decisions.size() >= maxDecisions) {
                    decisions.clear();
                }
                decisions.put(applies, a);
            }
            return a;
        }
    }

    /** Applies exactly the statements of a set (by offset). */
    private record SetTester(BitSet applies) implements Tester {
        @Override
        public boolean applies(Slot slot, int index, CompiledStatement s, RequestContext c) {
            return applies.get(slot.offset() + index);
        }
    }

    private static int indexOf(List<Glob> globs, Glob g) {
        int i = globs.indexOf(g);
        if (i < 0) {
            globs.add(g);
            i = globs.size() - 1;
        }
        return i;
    }

    private record Outcomes(Acc allowed, Acc denied, Acc explicit) {
    }

    /**
     * The outcomes over every value of glob 0 (the subject): answered on pairs of positions when that is certain
     * ({@link #quickOutcomes}), else by exploring the product automaton.
     */
    private static Outcomes outcomes(PreparedPolicySet p, RequestContext c, List<Glob> globs, SymStatement[] sym,
                                     boolean exploreOnly, Work memo) {
        Outcomes quick = exploreOnly ? null : quickOutcomes(p, c, globs, sym, memo);
        return quick != null ? quick : exploredOutcomes(p, c, globs, sym);
    }

    /** Status of a statement's resource over the values of the subject. */
    private static final byte NO = SubjectFacts.NO;
    private static final byte YES = SubjectFacts.YES;
    private static final byte MAYBE = SubjectFacts.MAYBE;

    /**
     * Each statement's resource test over every value of the subject: NO (matches no value), YES (every value) or
     * MAYBE (some values, or not proven to be every value), from each resource pattern's status
     * ({@link SubjectFacts#status}: one exact intersection test and one sound inclusion test per pattern).
     */
    private static byte[] statuses(SubjectFacts f, SymStatement[] sym) {
        byte[] out = new byte[sym.length];
        for (int i = 0; i < sym.length; i++) {
            SymStatement ss = sym[i];
            if (ss == null || !ss.nonResource) {
                out[i] = NO;
                continue;
            }
            if (ss.noElement) {
                out[i] = YES;
                continue;
            }
            boolean all = false;
            boolean none = true;
            for (int g : ss.globs) {
                byte pg = f.status(g);
                all |= pg == YES;
                none &= pg == NO;
            }
            byte any = all ? YES : none ? NO : MAYBE;
            if (ss.negated) {
                out[i] = ss.unresolvedNot || any == YES ? NO : any == NO ? YES : MAYBE;
            } else {
                out[i] = any;
            }
        }
        return out;
    }

    /**
     * A tester that reads MAYBE as "applies" for one effect and "does not apply" for the other: the decision is
     * monotone (an Allow that applies never turns an allowed request into a denied one, a Deny never the reverse),
     * so the optimistic reading (Allows apply, Denies do not) is the most any value can get and the pessimistic one
     * the least.
     */
    private static Tester statusTester(byte[] status, boolean optimistic) {
        return new StatusTester(status, optimistic);
    }

    /**
     * {@link #statusTester}'s tester. The testers are named classes, not lambdas: in the profile of a decision with
     * unknown parts the lambdas' creation went through method handles (about a tenth of the kept path's time).
     */
    private record StatusTester(byte[] status, boolean optimistic) implements Tester {
        @Override
        public boolean applies(Slot slot, int index, CompiledStatement s, RequestContext c) {
            byte st = status[slot.offset() + index];
            return st == YES || (st == MAYBE && optimistic != s.deny);
        }
    }

    /**
     * Whether an earlier value of {@code values} is matched by the same patterns as the {@code i}th: its decision is
     * the same (a decision reads only which statements apply).
     */
    private static boolean matchedLikeAnEarlier(List<SubjectFacts.Value> values, int i) {
        for (int j = 0; j < i; j++) {
            if (values.get(j).matching().equals(values.get(i).matching())) {
                return true;
            }
        }
        return false;
    }

    /** The decision at one value of the subject, given by the patterns that match it. */
    private static Acc decideAt(PreparedPolicySet p, RequestContext c, SymStatement[] sym, SubjectFacts.Value value,
                                Work memo) {
        return memo.decide(p, c, symbolicTester(sym, value.matching()));
    }

    /**
     * The outcomes without exploring, or null when they are not certain this way. Every statement certain: one
     * decision. Otherwise the optimistic and pessimistic decisions bound every value's; when both deny (or both
     * allow) with the same reasons, every value does. When they differ, concrete values of the subject (its
     * shortest values, then a value in common with each uncertain pattern, found by the intersection walk) are
     * decided one by one, and an allowed one with a denied one make "allowed for some". The reasons given for the
     * denied values must not depend on which denied value is met first, so this path answers only when they cannot
     * differ: the uncertain statements are one Deny (every explicitly denied value names it alone) plus Allows, or
     * Allows that all sit in one group that is satisfied when any of them applies (the identity policies, one
     * boundary, the session policy, one SCP or RCP level), where every denied value has all of them not applying.
     * Anything else is left to the exploration, counted by {@link GlobAutomaton#explorations}.
     */
    private static Outcomes quickOutcomes(PreparedPolicySet p, RequestContext c, List<Glob> globs,
                                          SymStatement[] sym, Work memo) {
        SubjectFacts f = memo.pairs.facts(globs);
        byte[] status = statuses(f, sym);
        boolean maybe = false;
        for (byte b : status) {
            maybe |= b == MAYBE;
        }
        Acc most = memo.decide(p, c, statusTester(status, true));
        if (!maybe) {
            return most.kind == DecisionKind.ALLOWED ? new Outcomes(most, null, null)
                    : new Outcomes(null, most, most.kind == DecisionKind.EXPLICIT_DENY ? most : null);
        }
        Acc least = memo.decide(p, c, statusTester(status, false));
        if (least.kind == DecisionKind.ALLOWED) {
            return most.reasons.equals(least.reasons) ? new Outcomes(least, null, null) : null;
        }
        if (most.kind != DecisionKind.ALLOWED) {
            if (most.kind != least.kind || !most.reasons.equals(least.reasons)) {
                return null;
            }
            return new Outcomes(null, most, most.kind == DecisionKind.EXPLICIT_DENY ? most : null);
        }
        // Mixed: which statements are uncertain decides whether the denied answer is one.
        int maybeDenies = 0;
        // The distinct groups of the uncertain Allows, as a set would hold them (there is mostly one).
        Object allowGroup = null;
        boolean severalGroups = false;
        for (Slot slot : p.all) {
            List<CompiledStatement> st = slot.policy().statements;
            for (int i = 0; i < st.size(); i++) {
                if (status[slot.offset() + i] != MAYBE) {
                    continue;
                }
                if (st.get(i).deny) {
                    if (sym[slot.offset() + i].negated) {
                        return null;
                    }
                    maybeDenies++;
                } else {
                    Object g = group(p, slot);
                    if (allowGroup == null) {
                        allowGroup = g;
                    } else if (!allowGroup.equals(g)) {
                        severalGroups = true;
                    }
                }
            }
        }
        if (maybeDenies > 1 || (maybeDenies == 0 && (allowGroup == null || severalGroups
                || allowGroup.equals(p.resource)))) {
            return null;
        }
        // Only whether both an allowed and a denied value are met is read, so the order of the values does not
        // change the answer: the values in common with the uncertain patterns first (mostly allowed, while the
        // subject's shortest values mostly are not), then the witnesses, each made when reached; stop when both are
        // met. A value matched by the same patterns as one already decided has its decision.
        List<SubjectFacts.Value> values = new ArrayList<>(SubjectFacts.WITNESSES + 2);
        for (Slot slot : p.all) {
            List<CompiledStatement> st = slot.policy().statements;
            for (int i = 0; i < st.size(); i++) {
                if (status[slot.offset() + i] != MAYBE) {
                    continue;
                }
                for (int g : sym[slot.offset() + i].globs) {
                    SubjectFacts.Value w = f.common(g, memo.pairs);
                    if (w != null) {
                        values.add(w);
                    }
                }
            }
        }
        boolean allowed = false;
        boolean denied = false;
        int commons = values.size();
        for (int i = 0; i < commons + SubjectFacts.WITNESSES && !(allowed && denied); i++) {
            if (i >= commons) {
                values.add(f.witness(i - commons, memo.pairs));
            }
            if (matchedLikeAnEarlier(values, i)) {
                continue;
            }
            boolean a = decideAt(p, c, sym, values.get(i), memo).kind == DecisionKind.ALLOWED;
            allowed |= a;
            denied |= !a;
        }
        if (!allowed || !denied) {
            return null;
        }
        // One uncertain Deny: a value it matches is explicitly denied (by it alone: no other Deny applies anywhere,
        // or the optimistic decision would not allow). Otherwise every denied value has the group's Allows off: the
        // pessimistic decision.
        return new Outcomes(most, least, maybeDenies == 1 ? least : null);
    }

    /** The group of statements of which any one applying satisfies the same requirement. */
    private static Object group(PreparedPolicySet p, Slot slot) {
        for (Slot s : p.identity) {
            if (s == slot) {
                return "identity";
            }
        }
        for (Slot[][] levels : new Slot[][][]{p.scps, p.rcps}) {
            for (Slot[] level : levels) {
                for (Slot s : level) {
                    if (s == slot) {
                        return level;
                    }
                }
            }
        }
        return slot;
    }

    /** Runs the decision at every reachable automaton state where glob 0 (the subject) accepts. */
    private static Outcomes exploredOutcomes(PreparedPolicySet p, RequestContext c, List<Glob> globs,
                                             SymStatement[] sym) {
        Acc[] found = new Acc[3];
        // Without a Deny that applies apart from its resource, no value can be explicitly denied: stop as soon as
        // both an allowed and a denied value are seen.
        boolean denyPossible = false;
        for (Slot slot : p.all) {
            List<CompiledStatement> st = slot.policy().statements;
            for (int i = 0; i < st.size() && !denyPossible; i++) {
                denyPossible = st.get(i).deny && sym[slot.offset() + i].nonResource;
            }
        }
        boolean explicitPossible = denyPossible;
        GlobAutomaton.explore(globs, accepting -> {
            if (!accepting.get(0)) {
                return true;
            }
            Acc a = decide(p, c, symbolicTester(sym, accepting));
            if (a.kind == DecisionKind.ALLOWED) {
                found[0] = found[0] == null ? a : found[0];
            } else {
                found[1] = found[1] == null ? a : found[1];
                if (a.kind == DecisionKind.EXPLICIT_DENY && found[2] == null) {
                    found[2] = a;
                }
            }
            return found[0] == null || (explicitPossible ? found[2] == null : found[1] == null);
        });
        if (found[0] == null && found[1] == null) {
            // The subject matches no string at all (cannot happen for a request); report an implicit deny.
            Acc a = new Acc();
            a.kind = DecisionKind.IMPLICIT_DENY;
            a.reasons = List.of(new Reason(ReasonCode.NO_ALLOW_IN_IDENTITY, "no resource value is possible"));
            return new Outcomes(null, a, null);
        }
        return new Outcomes(found[0], found[1], found[2]);
    }

    private static Tester symbolicTester(SymStatement[] sym, BitSet accepting) {
        return new SymbolicTester(sym, accepting);
    }

    /** {@link #symbolicTester}'s tester (a named class: see {@link StatusTester}). */
    private record SymbolicTester(SymStatement[] sym, BitSet accepting) implements Tester {
        @Override
        public boolean applies(Slot slot, int index, CompiledStatement s, RequestContext c) {
            SymStatement ss = sym[slot.offset() + index];
            if (!ss.nonResource) {
                return false;
            }
            if (ss.noElement) {
                return true;
            }
            boolean any = false;
            for (int g : ss.globs) {
                if (accepting.get(g)) {
                    any = true;
                    break;
                }
            }
            return ss.negated ? !any && !ss.unresolvedNot : any;
        }
    }

    /**
     * Patterns each allowed for every value they match: the request pattern intersected with the resource patterns
     * of Allow statements, kept when the whole intersection is allowed.
     */
    private static List<String> allowedPatterns(PreparedPolicySet p, RequestContext c, List<Glob> globs,
                                                SymStatement[] sym, boolean exploreOnly, Work memo) {
        Glob request = globs.get(0);
        // In the order first met, without repeats (a list: there are a few).
        List<Glob> candidates = new ArrayList<>(4);
        for (Slot slot : p.all) {
            List<CompiledStatement> st = slot.policy().statements;
            for (int i = 0; i < st.size(); i++) {
                SymStatement ss = sym[slot.offset() + i];
                if (st.get(i).deny || !ss.nonResource || ss.negated || ss.noElement) {
                    continue;
                }
                for (int g : ss.globs) {
                    // "values matching the statement's pattern" describes the same set when the written-out
                    // intersection would be long; either way no subset construction over many members.
                    for (Glob cand : memo.pairs.smallIntersection(request, globs.get(g), DESCRIBED)
                            .orElse(List.of(globs.get(g)))) {
                        if (!candidates.contains(cand)) {
                            candidates.add(cand);
                        }
                    }
                }
            }
        }
        List<Glob> kept = new ArrayList<>();
        for (Glob cand : candidates) {
            if (allAllowed(p, c, globs, sym, cand, exploreOnly, memo)) {
                kept.add(cand);
            }
        }
        if (kept.isEmpty()) {
            for (int i = 0; i < candidates.size() && kept.size() < 32; i++) {
                for (int j = i + 1; j < candidates.size(); j++) {
                    for (Glob g : memo.pairs.smallIntersection(candidates.get(i), candidates.get(j), DESCRIBED)
                            .orElse(List.of())) {
                        if (allAllowed(p, c, globs, sym, g, exploreOnly, memo)) {
                            kept.add(g);
                        }
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            boolean redundant = false;
            for (int j = 0; j < kept.size() && !redundant; j++) {
                if (i != j && memo.pairs.includes(kept.get(j), kept.get(i))
                        && (!memo.pairs.includes(kept.get(i), kept.get(j)) || j < i)) {
                    redundant = true;
                }
            }
            String r = kept.get(i).render();
            if (!redundant && !out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Most patterns one intersection is written out as in the "allowed for" description. */
    private static final int DESCRIBED = 4;

    private static boolean allAllowed(PreparedPolicySet p, RequestContext c, List<Glob> globs, SymStatement[] sym,
                                      Glob subject, boolean exploreOnly, Work memo) {
        List<Glob> with = new ArrayList<>(globs);
        with.set(0, subject);
        if (exploreOnly) {
            return exploredAllAllowed(p, c, with, sym);
        }
        SubjectFacts f = memo.pairs.facts(with);
        byte[] status = statuses(f, sym);
        if (memo.decide(p, c, statusTester(status, false)).kind == DecisionKind.ALLOWED) {
            return true;
        }
        if (memo.decide(p, c, statusTester(status, true)).kind != DecisionKind.ALLOWED) {
            return false;
        }
        // Each witness made when reached: the first one not allowed answers.
        List<SubjectFacts.Value> witnesses = new ArrayList<>(SubjectFacts.WITNESSES);
        for (int i = 0; i < SubjectFacts.WITNESSES; i++) {
            witnesses.add(f.witness(i, memo.pairs));
            // A value matched by the same patterns as an earlier (allowed) one is allowed too.
            if (!matchedLikeAnEarlier(witnesses, i)
                    && decideAt(p, c, sym, witnesses.get(i), memo).kind != DecisionKind.ALLOWED) {
                return false;
            }
        }
        // A Deny on part of the subject ("data/*" allowed, "data/private/*" denied) is missed by the shortest and
        // stretched values, which need not reach its prefix: a value in common with each uncertain Deny pattern
        // refutes it without exploring.
        for (Slot slot : p.all) {
            List<CompiledStatement> st = slot.policy().statements;
            for (int i = 0; i < st.size(); i++) {
                SymStatement ss = sym[slot.offset() + i];
                if (!st.get(i).deny || status[slot.offset() + i] != MAYBE || ss.negated) {
                    continue;
                }
                for (int g : ss.globs) {
                    SubjectFacts.Value w = f.common(g, memo.pairs);
                    if (w != null && decideAt(p, c, sym, w, memo).kind != DecisionKind.ALLOWED) {
                        return false;
                    }
                }
            }
        }
        return exploredAllAllowed(p, c, with, sym);
    }

    private static boolean exploredAllAllowed(PreparedPolicySet p, RequestContext c, List<Glob> with,
                                              SymStatement[] sym) {
        boolean[] ok = {true};
        GlobAutomaton.explore(with, acc -> {
            if (acc.get(0) && decide(p, c, symbolicTester(sym, acc)).kind != DecisionKind.ALLOWED) {
                ok[0] = false;
                return false;
            }
            return true;
        });
        return ok[0];
    }

    // ---------------------------------------------------------------------------------------------------------
    // The explanation: every statement with each element's check. Built only when someone reads the trace.

    private static List<PolicyTrace> trace(PreparedPolicySet p, RequestContext c, List<Glob> symbolic,
                                           boolean wildcardOnly) {
        List<PolicyTrace> out = new ArrayList<>();
        for (Slot slot : p.all) {
            List<StatementTrace> sts = new ArrayList<>();
            for (CompiledStatement s : slot.policy().statements) {
                sts.add(traceStatement(slot, s, c, symbolic, wildcardOnly));
            }
            out.add(new PolicyTrace(slot.policy().name(), slot.role(), slot.level(), sts));
        }
        return out;
    }

    private static StatementTrace traceStatement(Slot slot, CompiledStatement s, RequestContext c,
                                                 List<Glob> symbolic, boolean wildcardOnly) {
        List<ElementCheck> checks = new ArrayList<>();
        boolean actionOk = s.actionMatches(c.action);
        var av = s.source.actions();
        checks.add(new ElementCheck(av.negated() ? "NotAction" : "Action", actionOk, "request '"
                + c.request.action() + "' vs " + quote(av.strings()) + (actionOk ? " -> matches" : " -> no match"),
                av.location()));
        boolean resourceOk;
        boolean some = false;
        if (s.source.resources().isPresent()) {
            var rv = s.source.resources().get();
            String shown = wildcardOnly ? "'*' (" + c.request.action() + " is wildcard-only)"
                    : "'" + c.request.resource() + "'";
            String detail;
            if (symbolic == null) {
                resourceOk = s.resourceMatches(c);
                detail = "request " + shown + " vs " + resolvedResources(s, c) + (resourceOk ? " -> matches"
                        : " -> no match");
            } else {
                int[] r = symbolicResource(s, c, symbolic.get(0));
                resourceOk = r[0] == 2;
                some = r[0] == 1;
                detail = "request " + shown + " vs " + resolvedResources(s, c) + " -> "
                        + (r[0] == 2 ? "matches every value" : r[0] == 1 ? "matches some values" : "matches no value");
            }
            checks.add(new ElementCheck(rv.negated() ? "NotResource" : "Resource", resourceOk || some, detail,
                    rv.location()));
        } else {
            resourceOk = true;
        }
        boolean principalOk = true;
        if (s.principal != null) {
            principalOk = s.principalApplies(c);
            String who = c.principal.type() == dev.iampreflight.eval.local.internal.PrincipalInfo.Type.ANONYMOUS
                    ? "anonymous" : "'" + c.principal.arn() + "'";
            String extra = "";
            if (!s.deny && !s.principal.describe().startsWith("Not") && slot.role()
                    == dev.iampreflight.eval.PolicyRole.RESOURCE && principalOk) {
                int g = s.grant(c);
                extra = g == PrincipalMatcher.DIRECT ? " (names the principal itself)"
                        : g == PrincipalMatcher.ROLE ? " (names the principal's role)" : " (names only the account)";
            }
            checks.add(new ElementCheck(s.principal.describe().startsWith("Not") ? "NotPrincipal" : "Principal",
                    principalOk, "request principal " + who + " vs " + s.principal.describe()
                    + (principalOk ? " -> applies" : " -> does not apply") + extra,
                    s.source.principal().get().location()));
        }
        boolean condOk = true;
        for (CompiledCondition cc : s.conditions()) {
            StringBuilder sb = new StringBuilder();
            boolean ok = cc.evaluate(c, sb);
            condOk &= ok;
            checks.add(new ElementCheck("Condition " + cc.label(), ok, sb.toString(),
                    conditionLocation(s, cc)));
        }
        boolean matched = actionOk && resourceOk && principalOk && condOk;
        boolean matchedSome = !matched && some && actionOk && principalOk && condOk;
        return new StatementTrace(slot.ref(s), s.source.effect(), matched, matchedSome, checks);
    }

    private static dev.iampreflight.core.SourceLocation conditionLocation(CompiledStatement s, CompiledCondition cc) {
        for (var c : s.source.condition().conditions()) {
            if (cc.label().equals(c.operator().value() + " " + c.key().value())) {
                return c.location();
            }
        }
        return s.source.condition().location();
    }

    /** 2 = every value of the request pattern matches, 1 = some, 0 = none. */
    private static int[] symbolicResource(CompiledStatement s, RequestContext c, Glob request) {
        List<Glob> rg = s.resourceGlobs(c);
        List<Glob> globs = new ArrayList<>();
        globs.add(request);
        globs.addAll(rg);
        boolean unresolvedNot = s.resourceUnresolvedInNot(c);
        if (unresolvedNot) {
            return new int[]{0};
        }
        // Polynomial first: a pattern that holds every value, none that meets any, or a value no pattern matches
        // next to one that some pattern matches.
        boolean meets = false;
        for (Glob g : rg) {
            if (GlobPairs.surelyIncludes(g, request)) {
                return new int[]{s.resourceNegated() ? 0 : 2};
            }
            meets |= GlobAutomaton.intersectsFast(request, g);
        }
        if (!meets) {
            return new int[]{s.resourceNegated() ? 2 : 0};
        }
        char filler = GlobPairs.filler(globs);
        int longest = 0;
        for (Glob g : rg) {
            longest = Math.max(longest, g.length());
        }
        for (String w : GlobPairs.witnesses(request, filler, longest)) {
            boolean hit = false;
            for (Glob g : rg) {
                hit |= g.matches(w);
            }
            if (!hit) {
                return new int[]{1};
            }
        }
        boolean[] seen = new boolean[2];
        try {
            GlobAutomaton.explore(globs, acc -> {
                if (!acc.get(0)) {
                    return true;
                }
                boolean any = acc.nextSetBit(1) >= 0;
                boolean m = s.resourceNegated() ? !any && !unresolvedNot : any;
                seen[m ? 1 : 0] = true;
                return !(seen[0] && seen[1]);
            });
        } catch (GlobAutomaton.TooComplex e) {
            return new int[]{1};
        }
        return new int[]{seen[1] ? (seen[0] ? 1 : 2) : 0};
    }

    private static String resolvedResources(CompiledStatement s, RequestContext c) {
        List<String> out = new ArrayList<>();
        for (var t : s.resourceTemplates()) {
            if (t.hasVariables()) {
                Glob g = t.resolveGlob(c.lookup, Wildcards.Mode.RESOURCE);
                out.add(t.source() + (g == null ? " (unresolved variable: matches nothing)" : " = " + g.render()));
            } else {
                out.add(t.source());
            }
        }
        return quote(out);
    }

    private static String quote(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(values.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }
}
