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
 * -Dexec.classpathScope=test}. Prints the median of 9 rounds after 5 warm-up rounds, in decisions per CPU-second,
 * each column of a round running for at least 150 ms of CPU (fixed counts of 2,000 decisions were ~10 ms, mostly
 * the JIT's warm-up, and one run in four was several times slower than the next);
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

    /** Rounds measured (the median printed) and rounds run before them for the JIT. */
    private static final int ROUNDS = 9;
    private static final int WARM_UPS = 5;
    /** Each column of a round runs for at least this much CPU time of the thread: 2,000 decisions were ~10 ms. */
    private static final long ROUND_NANOS = 150_000_000L;

    /** Decisions per CPU-second of {@code decide}, run in batches of {@code batch} for at least {@link #ROUND_NANOS}. */
    private static double rate(ThreadMXBean mx, int batch, Runnable decide) {
        long start = mx.getCurrentThreadCpuTime();
        long n = 0;
        long spent;
        do {
            for (int i = 0; i < batch; i++) {
                decide.run();
            }
            n += batch;
            spent = mx.getCurrentThreadCpuTime() - start;
        } while (spent < ROUND_NANOS);
        return n / (spent / 1e9);
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
            double[] u = new double[ROUNDS];
            double[] k = new double[ROUNDS];
            double[] kept = new double[ROUNDS];
            double[] keptParts = new double[ROUNDS];
            double[] first = new double[ROUNDS];
            Decision[] last = new Decision[1];
            long[] sinks = new long[1];
            for (int r = -WARM_UPS; r < ROUNDS; r++) {
                double perSec = rate(mx, 200, () -> {
                    last[0] = engine.evaluateUncached(p, unknown);
                    sinks[0] += last[0].allowedPatterns().size();
                });
                double keptPerSec = rate(mx, 2_000,
                        () -> sinks[0] += engine.evaluateUncachedKeepingPairs(p, unknown).allowedPatterns().size());
                double keptPartsPerSec = rate(mx, 2_000,
                        () -> sinks[0] += noAnswers.evaluateUncachedKeepingPairs(p2, unknown).allowedPatterns().size());
                double knownPerSec = rate(mx, 2_000, () -> sinks[0] += engine.evaluate(p, known).kind().ordinal());
                // A new policy: compiled by this preparation alone (the engine's compiled documents not read).
                double firstPerSec = rate(mx, 200, () -> sinks[0] += engine.evaluate(
                        new PreparedPolicySet(set, CompiledPolicy::compile), known).kind().ordinal());
                if (r >= 0) {
                    first[r] = firstPerSec;
                    u[r] = perSec;
                    k[r] = knownPerSec;
                    kept[r] = keptPerSec;
                    keptParts[r] = keptPartsPerSec;
                }
            }
            sink += sinks[0];
            Arrays.sort(u);
            Arrays.sort(k);
            Arrays.sort(kept);
            Arrays.sort(keptParts);
            Arrays.sort(first);
            System.out.printf("%-52s %,10.0f/s with unknowns, %,10.0f/s pair answers kept, %,10.0f/s without whole"
                    + " answers, %,12.0f/s all known, %,10.0f/s first known on a new policy (%s, %s)%n", s.name(),
                    u[ROUNDS / 2], kept[ROUNDS / 2], keptParts[ROUNDS / 2], k[ROUNDS / 2], first[ROUNDS / 2],
                    last[0].kind(), last[0].allowedPatterns());
        }
        System.out.println("(sink " + sink + "; product explorations " + GlobAutomaton.explorations() + ")");
    }
}
