package dev.iampreflight.check;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Reason;
import dev.iampreflight.eval.ReasonCode;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.StatementRef;
import dev.iampreflight.eval.aws.AwsSimulator;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.PolicyOrigin;
import dev.iampreflight.report.Rule;
import dev.iampreflight.require.Requirement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which engine decides the preflight's pairs: the local engine (default; nothing touches the network), the AWS IAM
 * policy simulator ({@code aws}), or both, where every disagreement is a finding of its own ({@code both}). With a
 * simulator, targets whose role already exists in AWS (and every target with {@code --role-arn}) are checked against
 * the deployed role with {@code SimulatePrincipalPolicy}.
 */
public final class Simulation {

    /** {@code --simulator local|aws|both}. */
    public enum Mode { LOCAL, AWS, BOTH }

    /** One pair of a target: the policies and request, the local decision and where it came from. */
    public record Pair(PolicySet set, Request request, Decision local, Requirement requirement) {
    }

    private final Mode mode;
    private final Optional<AwsSimulator> aws;
    private final Optional<String> roleArn;

    private Simulation(Mode mode, Optional<AwsSimulator> aws, Optional<String> roleArn) {
        this.mode = mode;
        this.aws = aws;
        this.roleArn = roleArn;
    }

    public static Simulation local() {
        return new Simulation(Mode.LOCAL, Optional.empty(), Optional.empty());
    }

    /** {@code aws} or {@code both} through {@code simulator}; {@code roleArn} is {@code --role-arn}. */
    public static Simulation remote(Mode mode, AwsSimulator simulator, Optional<String> roleArn) {
        if (mode == Mode.LOCAL) {
            throw new IllegalArgumentException("a remote simulation needs mode aws or both");
        }
        return new Simulation(mode, Optional.of(simulator), roleArn);
    }

    public Mode mode() {
        return mode;
    }

    /**
     * The deployed role to check {@code t} against: {@code --role-arn}, else the existing role the target names
     * (Chalice {@code iam_role_arn}, a template's role ARN). Empty without a simulator.
     */
    Optional<String> deployedRole(DeployTarget t) {
        if (aws.isEmpty()) {
            return Optional.empty();
        }
        if (roleArn.isPresent()) {
            return roleArn;
        }
        boolean existingRole = t.identityPolicies().stream().anyMatch(p -> p.origin() == PolicyOrigin.IN_AWS
                && p.reference().filter(r -> r.equals(t.principal())).isPresent());
        boolean otherInAws = t.identityPolicies().stream().anyMatch(p -> p.origin() == PolicyOrigin.IN_AWS
                && !p.reference().filter(r -> r.equals(t.principal())).isPresent())
                || t.permissionBoundary().filter(p -> p.origin() == PolicyOrigin.IN_AWS).isPresent();
        String role = t.principal();
        boolean isRoleArn = role.matches("arn:[^:]+:iam::[^:]+:role/.+");
        return existingRole && !otherInAws && isRoleArn ? Optional.of(role) : Optional.empty();
    }

    /** The policies the project adds to a deployed role (sent as {@code PolicyInputList}). */
    static List<PolicyDocument> addedPolicies(DeployTarget t) {
        List<PolicyDocument> out = new ArrayList<>();
        for (AttachedPolicy p : t.identityPolicies()) {
            if (p.origin() != PolicyOrigin.IN_AWS && p.origin() != PolicyOrigin.CHALICE_GENERATED) {
                p.document().ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The decisions for a target's pairs, in order; adds the notes (not checked remotely, missing context values,
     * account from GetCallerIdentity) and, in {@code both} mode, a finding per disagreement. {@code deployedRole}
     * present: the pairs are decided by {@code SimulatePrincipalPolicy} against that role.
     */
    List<Decision> decide(DeployTarget t, List<Pair> pairs, Optional<String> deployedRole, List<Finding> findings) {
        List<Decision> out = new ArrayList<>(pairs.size());
        if (aws.isEmpty()) {
            for (Pair p : pairs) {
                out.add(p.local());
            }
            return out;
        }
        AwsSimulator sim = aws.get();
        List<Decision> remote = new ArrayList<>(pairs.size());
        if (deployedRole.isPresent()) {
            List<Request> requests = new ArrayList<>();
            for (Pair p : pairs) {
                requests.add(p.request());
            }
            remote.addAll(sim.evaluateDeployed(deployedRole.get(), addedPolicies(t), requests));
        } else {
            // One batch per distinct policy set (identity + boundary, with or without a resource policy).
            Map<PolicySet, List<Integer>> bySet = new LinkedHashMap<>();
            for (int i = 0; i < pairs.size(); i++) {
                bySet.computeIfAbsent(pairs.get(i).set(), k -> new ArrayList<>()).add(i);
                remote.add(null);
            }
            for (Map.Entry<PolicySet, List<Integer>> e : bySet.entrySet()) {
                List<Request> requests = new ArrayList<>();
                for (int i : e.getValue()) {
                    requests.add(pairs.get(i).request());
                }
                List<Decision> ds = sim.evaluateAll(e.getKey(), requests);
                for (int k = 0; k < ds.size(); k++) {
                    remote.set(e.getValue().get(k), ds.get(k));
                }
            }
        }
        Set<String> notes = new LinkedHashSet<>();
        boolean accountFilled = false;
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            Decision r = remote.get(i);
            accountFilled |= AwsSimulator.hasUnknownAccount(p.request().resource())
                    || p.request().principal().map(AwsSimulator::hasUnknownAccount).orElse(false);
            for (Reason reason : r.reasons()) {
                if (reason.code() == ReasonCode.NOT_CHECKED_REMOTELY
                        && notes.add(reason.message() + "|" + p.requirement().call().location())) {
                    findings.add(new Finding(Rule.NOT_CHECKED_REMOTELY.id(), Rule.NOT_CHECKED_REMOTELY.severity(),
                            p.request().action() + " on " + p.request().resource() + " for " + t.name() + ": "
                                    + reason.message(), p.requirement().call().location())
                            .withTarget(t.name()).withRequest(p.request().action(), p.request().resource()));
                }
                if (reason.code() == ReasonCode.MISSING_CONTEXT_VALUES
                        && notes.add(reason.message() + "|" + p.requirement().call().location())) {
                    findings.add(new Finding(Rule.SIMULATOR_MISSING_CONTEXT.id(),
                            Rule.SIMULATOR_MISSING_CONTEXT.severity(), p.request().action() + " on "
                            + p.request().resource() + " for " + t.name() + ": " + reason.message()
                            + (r.kind() == DecisionKind.ALLOWED ? "" : "; the simulator's deny is therefore not "
                            + "certain"), p.requirement().call().location())
                            .withTarget(t.name()).withRequest(p.request().action(), p.request().resource()));
                }
            }
            boolean checkedRemotely = !r.reasonCodes().contains(ReasonCode.NOT_CHECKED_REMOTELY);
            if (mode == Mode.BOTH && checkedRemotely && deployedRole.isEmpty() && disagree(p.local(), r)) {
                findings.add(disagreement(t, p, r));
            }
            if (deployedRole.isPresent() && !checkedRemotely) {
                // Nothing decides this pair: the deployed role's policies are not known offline. The note says so,
                // and no missing-permission finding is made.
                out.add(new Decision(DecisionKind.ALLOWED, List.of(), r.reasons(), r.trace()));
                continue;
            }
            // In both mode the local engine's answer makes the findings; the simulator is the cross-check.
            out.add(mode == Mode.BOTH && deployedRole.isEmpty() ? p.local() : r);
        }
        if (accountFilled && sim.knownCallerIdentity().isPresent()) {
            AwsSimulator.CallerIdentity c = sim.knownCallerIdentity().get();
            findings.add(new Finding(Rule.SIMULATOR_ACCOUNT.id(), Rule.SIMULATOR_ACCOUNT.severity(),
                    "the project leaves the account of " + t.name() + "'s ARNs unknown; the simulator was asked "
                            + "with account " + c.account() + " (partition " + c.partition() + "), the account of "
                            + "the credentials in use (sts:GetCallerIdentity); use --account-id if the app deploys "
                            + "elsewhere", t.declaredIn()).withTarget(t.name()));
        }
        return out;
    }

    /**
     * A missing-permission finding whose decision rests on condition keys the simulator had no value for is not
     * certain: it becomes a warning.
     */
    static Finding adjust(Finding f, Decision d) {
        if (f.severity() == Severity.ERROR && d.reasonCodes().contains(ReasonCode.MISSING_CONTEXT_VALUES)) {
            return new Finding(f.ruleId(), Severity.WARNING, f.message() + " (not certain: the AWS IAM policy "
                    + "simulator lacked context values, see " + Rule.SIMULATOR_MISSING_CONTEXT.id() + ")",
                    f.location(), f.related(), f.target(), f.action(), f.resource(), f.fix());
        }
        return f;
    }

    /** Whether the engines' answers differ in a way that changes a finding. */
    private static boolean disagree(Decision local, Decision remote) {
        boolean l = local.kind() == DecisionKind.ALLOWED;
        boolean r = remote.kind() == DecisionKind.ALLOWED;
        if (local.kind() == DecisionKind.ALLOWED_FOR_SOME) {
            return false; // the simulator was not asked about unknown resource parts
        }
        return l != r;
    }

    private static Finding disagreement(DeployTarget t, Pair p, Decision remote) {
        Request r = p.request();
        List<RelatedLocation> related = new ArrayList<>();
        for (Decision d : List.of(p.local(), remote)) {
            for (Reason reason : d.reasons()) {
                for (StatementRef s : reason.statements()) {
                    if (!s.location().file().isEmpty()) {
                        related.add(new RelatedLocation(s.location(), (d == p.local() ? "local engine: " : "AWS "
                                + "simulator: ") + s.statementLabel() + " of " + s.policyName()));
                    }
                }
            }
        }
        String message = "the local engine and the AWS IAM policy simulator disagree on " + r.action() + " on "
                + r.resource() + " for " + t.name() + ": local engine: " + p.local().kind().json() + " ("
                + explain(p.local()) + "); AWS simulator: " + remote.kind().json() + " (" + explain(remote) + "). "
                + "The deploy will behave as AWS says; if the difference is not listed in docs/engine.md, please "
                + "report it";
        Severity severity = Rule.SIMULATOR_DISAGREEMENT.severity();
        return new Finding(Rule.SIMULATOR_DISAGREEMENT.id(), severity, message, p.requirement().call().location(),
                related).withTarget(t.name()).withRequest(r.action(), r.resource());
    }

    private static String explain(Decision d) {
        List<String> parts = new ArrayList<>();
        for (Reason reason : d.reasons()) {
            StringBuilder sb = new StringBuilder(reason.code().name());
            if (!reason.statements().isEmpty()) {
                sb.append(": ");
                List<String> st = new ArrayList<>();
                for (StatementRef s : reason.statements()) {
                    st.add(s.toString());
                }
                sb.append(String.join(", ", st));
            }
            parts.add(sb.toString());
        }
        return String.join("; ", parts);
    }

    /** Calls and pairs so far, for {@code -v}. */
    public Optional<AwsSimulator.Stats> stats() {
        return aws.map(AwsSimulator::stats);
    }
}
