package dev.iampreflight.eval.aws;

import dev.iampreflight.cli.CliRun;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Request;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers in docs/performance.md ("The AWS simulator backend"): calls and wall time against {@link FakeAws} for
 * the three examples and for 500 generated pairs. Not part of the suite (the name does not end in Test); run with
 * {@code ./mvnw -q -B test -Dtest=SimulatorBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SimulatorBenchmark {

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        AwsTestCredentials.install(tmp);
        try (FakeAws fake = new FakeAws()) {
            // Warm up the SDK once so the figures are per run, not per JVM start.
            CliRun.run("check", "examples/chalice-orders", "--simulator", "aws", "--endpoint-url", fake.url());
            for (String example : List.of("examples/chalice-orders", "examples/sam-reports", "examples/terraform-app")) {
                int before = fake.received().size();
                long t0 = System.nanoTime();
                CliRun r = CliRun.run("check", example, "--simulator", "aws", "--endpoint-url", fake.url(),
                        "--account-id", "111122223333", "-v");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String stats = r.err().lines().filter(l -> l.contains("call(s) for")).findFirst().orElse("?");
                System.out.println("BENCH " + example + ": " + (fake.received().size() - before) + " calls, " + ms
                        + " ms; " + stats);
            }
            List<Request> requests = new ArrayList<>();
            StringBuilder statements = new StringBuilder();
            for (int t = 0; t < 50; t++) {
                String table = "arn:aws:dynamodb:us-east-1:111122223333:table/t" + t;
                statements.append(t == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:Get*\","
                        + "\"dynamodb:Query\"],\"Resource\":\"").append(table).append("\"}");
                for (String a : List.of("GetItem", "PutItem", "Query", "Scan", "UpdateItem", "DeleteItem",
                        "BatchGetItem", "BatchWriteItem", "DescribeTable", "ConditionCheckItem")) {
                    requests.add(Request.of("dynamodb:" + a, table, "arn:aws:iam::111122223333:role/app"));
                }
            }
            PolicyDocument doc = PolicyParser.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements
                    + "]}", "generated.json").document().orElseThrow();
            int before = fake.received().size();
            long t0 = System.nanoTime();
            try (AwsSimulator sim = AwsSimulator.create(new AwsSettings(Optional.empty(), Optional.of("us-east-1"),
                    Optional.of(fake.url()), Map.of(), AwsSettings.DEFAULT_CALLS_PER_SECOND, null))) {
                sim.evaluateAll(PolicySet.identity(doc), requests);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("BENCH generated 500 pairs: " + (fake.received().size() - before) + " calls, "
                        + ms + " ms; " + sim.stats());
            }
        } finally {
            AwsTestCredentials.clear();
        }
    }
}
