package dev.iampreflight.eval.local;

import dev.iampreflight.eval.ActionFacts;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.local.internal.CompiledPolicy;
import dev.iampreflight.policy.PolicyParser;
import dev.iampreflight.policy.internal.GlobAutomaton;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of decisions whose resource has several unknown segments, against the same request with every segment
 * known (issue #21: the API Gateway management API call of a websocket app). Not a test: run it with
 * {@code ./mvnw -q -o test-compile exec:java -Dexec.mainClass=dev.iampreflight.eval.local.UnknownSegmentsBenchmark
 * -Dexec.classpathScope=test}. Prints the median of 7 rounds after 3 warm-up rounds, in decisions per CPU-second;
 * the decisions with unknowns bypass the engine's answer cache, so each one is computed (once sharing only what
 * it computes itself; once also reading what the engine keeps across requests, which a decision for another action
 * on the same resource pattern shares: answers about pairs and lists of patterns, decisions by applying statements,
 * and whole answers by what the request reads of the statements; and once keeping all but the whole answers, what
 * a request whose statements apply otherwise pays). Beside them, the first known decision on a new policy: the
 * policy set prepared (its documents compiled) and the known request decided, nothing cached, so that the first
 * decision with unknowns on a pair can be compared with the first decision without. An argument keeps only the
 * shapes whose name contains it (to profile one shape).
 */
public final class UnknownSegmentsBenchmark {

    private UnknownSegmentsBenchmark() {
    }

    record Shape(String name, String policyResource, String unknown, String known) {
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("websocket, 5 unknowns vs 2 stars",
                    "arn:aws:execute-api:us-east-1:111122223333:abcdef1234/*/@connections/*",
                    "arn:aws:execute-api:{?}:{?}:{?}/{?}/POST/@connections/{?}",
                    "arn:aws:execute-api:us-east-1:111122223333:abcdef1234/prod/POST/@connections/Xyz="),
            new Shape("websocket, 5 unknowns vs placeholders",
                    "arn:aws:execute-api:REGION:ACCOUNT:APIID/*/@connections/*",
                    "arn:aws:execute-api:{?}:{?}:{?}/{?}/POST/@connections/{?}",
                    "arn:aws:execute-api:REGION:ACCOUNT:APIID/prod/POST/@connections/Xyz="),
            new Shape("s3 object, 2 unknowns vs 3 stars",
                    "arn:aws:s3:::data-*/in/*/part-*",
                    "arn:aws:s3:::{?}/in/{?}",
                    "arn:aws:s3:::data-1/in/2026/part-0"),
            new Shape("s3 object, 1 unknown, Allow and a Deny on one prefix",
                    "arn:aws:s3:::data/*\"}, {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": "
                            + "\"arn:aws:s3:::data/private/*",
                    "arn:aws:s3:::data/{?}",
                    "arn:aws:s3:::data/public/x"),
            new Shape("dynamodb index, 4 unknowns vs the table's indexes",
                    "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*",
                    "arn:aws:dynamodb:{?}:{?}:table/{?}/index/{?}",
                    "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/by-date"),
            new Shape("ssm parameter path, 3 unknowns vs a path prefix",
                    "arn:aws:ssm:*:*:parameter/app/prod/*",
                    "arn:aws:ssm:{?}:{?}:parameter/app/{?}",
                    "arn:aws:ssm:us-east-1:111122223333:parameter/app/prod/db-url"),
            new Shape("table, 1 unknown, every value allowed",
                    "arn:aws:dynamodb:*:*:table/*",
                    "arn:aws:dynamodb:{?}:{?}:table/{?}",
                    "arn:aws:dynamodb:us-east-1:111122223333:table/orders"),
            new Shape("table, 1 unknown vs 1 star",
                    "arn:aws:dynamodb:us-east-1:111122223333:table/orders-*",
                    "arn:aws:dynamodb:us-east-1:111122223333:table/{?}",
                    "arn:aws:dynamodb:us-east-1:111122223333:table/orders-dev"));

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        LocalEngine engine = new LocalEngine(ActionFacts.NONE);
        // Keeps pair answers, facts and decisions, not whole answers: what a request whose statements apply otherwise
        // than an earlier one's pays.
        LocalEngine noAnswers = new LocalEngine(ActionFacts.NONE, false, 1024, 64, false);
        String principal = "arn:aws:iam::111122223333:role/app";
        long sink = 0;
        for (Shape s : SHAPES) {
            if (args.length > 0 && !s.name().contains(args[0])) {
                continue;
            }
            String json = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", "
                    + "\"Resource\": \"" + s.policyResource() + "\"}]}";
            PolicySet set = PolicySet.identity(PolicyParser.parseJson(json, "bench.json").document().orElseThrow());
            PreparedPolicySet p = engine.prepare(set);
            PreparedPolicySet p2 = noAnswers.prepare(set);
            Request unknown = new Request("execute-api:ManageConnections", s.unknown(), Optional.of(principal),
                    Optional.empty(), Map.of());
            Request known = new Request("execute-api:ManageConnections", s.known(), Optional.of(principal),
                    Optional.empty(), Map.of());
            double[] u = new double[7];
            double[] k = new double[7];
            double[] kept = new double[7];
            double[] keptParts = new double[7];
            double[] first = new double[7];
            Decision last = null;
            for (int r = -3; r < 7; r++) {
                int n = 2_000;
                long cpu = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    last = engine.evaluateUncached(p, unknown);
                    sink += last.allowedPatterns().size();
                }
                double perSec = n / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
                cpu = mx.getCurrentThreadCpuTime();
                // As many as the known decisions: at a few known decisions each, fewer are too short a time to measure.
                for (int i = 0; i < n * 10; i++) {
                    sink += engine.evaluateUncachedKeepingPairs(p, unknown).allowedPatterns().size();
                }
                double keptPerSec = n * 10 / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
                cpu = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n * 10; i++) {
                    sink += noAnswers.evaluateUncachedKeepingPairs(p2, unknown).allowedPatterns().size();
                }
                double keptPartsPerSec = n * 10 / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
                cpu = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n * 10; i++) {
                    sink += engine.evaluate(p, known).kind().ordinal();
                }
                double knownPerSec = n * 10 / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
                cpu = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    // A new policy: compiled by this preparation alone (the engine's compiled documents not read).
                    PreparedPolicySet fresh = new PreparedPolicySet(set, CompiledPolicy::compile);
                    sink += engine.evaluate(fresh, known).kind().ordinal();
                }
                double firstPerSec = n / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
                if (r >= 0) {
                    first[r] = firstPerSec;
                    u[r] = perSec;
                    k[r] = knownPerSec;
                    kept[r] = keptPerSec;
                    keptParts[r] = keptPartsPerSec;
                }
            }
            Arrays.sort(u);
            Arrays.sort(k);
            Arrays.sort(kept);
            Arrays.sort(keptParts);
            Arrays.sort(first);
            System.out.printf("%-52s %,10.0f/s with unknowns, %,10.0f/s pair answers kept, %,10.0f/s without whole"
                    + " answers, %,12.0f/s all known, %,10.0f/s first known on a new policy (%s, %s)%n", s.name(),
                    u[3], kept[3], keptParts[3], k[3], first[3], last.kind(), last.allowedPatterns());
        }
        System.out.println("(sink " + sink + "; product explorations " + GlobAutomaton.explorations() + ")");
    }
}
