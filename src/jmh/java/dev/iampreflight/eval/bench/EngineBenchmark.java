package dev.iampreflight.eval.bench;

import dev.iampreflight.cli.Main;
import dev.iampreflight.eval.ActionFacts;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.eval.local.PreparedPolicySet;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decisions per second: (1) one request against a prepared 10-statement identity policy with conditions, cycling
 * through requests that are allowed, implicitly denied and explicitly denied; (2) the {@code simulate --batch} path
 * end to end (JSON parsing, policy cache, evaluation, JSON output) for 1,000 lines; (3) one request whose table name
 * is unknown ({@code table/{?}}), answered exactly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {

    static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "S3Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
               "Resource": "arn:aws:s3:::app-data/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
              {"Sid": "S3List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::app-data",
               "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*", "public/*"]}}},
              {"Sid": "Orders", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
               "Resource": ["arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                            "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*"]},
              {"Sid": "Queue", "Effect": "Allow", "Action": "sqs:SendMessage",
               "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs-*",
               "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
              {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
               "Resource": "arn:aws:logs:*:111122223333:log-group:/aws/lambda/app-*:*"},
              {"Sid": "Secrets", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
               "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*",
               "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}},
              {"Sid": "Kms", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*",
               "Condition": {"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}},
              {"Sid": "FromOffice", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*",
               "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}},
              {"Sid": "NoDeletes", "Effect": "Deny", "Action": ["dynamodb:DeleteTable", "s3:DeleteBucket"],
               "Resource": "*"},
              {"Sid": "OnlyTls", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
               "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            ]}
            """;

    LocalEngine engine;
    PreparedPolicySet prepared;
    Request[] requests;
    int next;
    byte[] batchInput;
    Request unknown;

    @Setup(Level.Trial)
    public void setup() {
        PolicyDocument doc = PolicyParser.parseJson(POLICY, "bench.json").document().orElseThrow();
        engine = new LocalEngine(ActionFacts.NONE);
        prepared = engine.prepare(PolicySet.identity(doc));
        String principal = "arn:aws:iam::111122223333:user/alice";
        requests = new Request[]{
                new Request("s3:GetObject", "arn:aws:s3:::app-data/home/alice/a.txt", Optional.of(principal),
                        Optional.empty(), Map.of("aws:SecureTransport", List.of("true"))),
                new Request("dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/byDate",
                        Optional.of(principal), Optional.empty(), Map.of()),
                new Request("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs-high",
                        Optional.of(principal), Optional.empty(), Map.of("aws:RequestedRegion", List.of("us-east-1"))),
                new Request("dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                        Optional.of(principal), Optional.empty(), Map.of()),
                new Request("s3:PutObject", "arn:aws:s3:::app-data/x", Optional.of(principal), Optional.empty(),
                        Map.of("aws:SecureTransport", List.of("true"))),
                new Request("logs:PutLogEvents",
                        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app-orders:log-stream:1",
                        Optional.of(principal), Optional.empty(), Map.of()),
                new Request("ec2:DescribeInstances", "*", Optional.of(principal), Optional.empty(),
                        Map.of("aws:SourceIp", List.of("203.0.113.9"))),
                new Request("secretsmanager:GetSecretValue",
                        "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf", Optional.of(principal),
                        Optional.empty(), Map.of("aws:ResourceTag/team", List.of("blue"),
                        "aws:PrincipalTag/team", List.of("blue"))),
        };
        unknown = new Request("dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/{?}",
                Optional.of(principal), Optional.empty(), Map.of());
        StringBuilder sb = new StringBuilder();
        String compact = POLICY.replaceAll("\\s*\\n\\s*", " ");
        String[][] lines = {
                {"s3:GetObject", "arn:aws:s3:::app-data/home/alice/a.txt", "\"aws:SecureTransport\": true"},
                {"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", ""},
                {"dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", ""},
                {"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs-low", "\"aws:RequestedRegion\": \"eu-west-1\""},
        };
        for (int i = 0; i < 1000; i++) {
            String[] l = lines[i % lines.length];
            sb.append("{\"id\": ").append(i).append(", \"action\": \"").append(l[0]).append("\", \"resource\": \"")
                    .append(l[1]).append("\", \"principal\": \"").append(principal).append("\", \"context\": {")
                    .append(l[2]).append("}, \"identityPolicies\": [").append(compact).append("]}\n");
        }
        batchInput = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One decision against the prepared 10-statement policy. */
    @Benchmark
    public Decision decision() {
        Request r = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return engine.evaluate(prepared, r);
    }

    /** A request with an unknown part, answered exactly (allowed_for_some with its allowed patterns). */
    @Benchmark
    public Decision unknownResource() {
        return engine.evaluate(prepared, unknown);
    }

    /** 1,000 lines through {@code simulate --batch -}; the score is lines (decisions) per second. */
    @Benchmark
    @OperationsPerInvocation(1000)
    public int batch() {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(batchInput));
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            return Main.run(sink, sink, false, "simulate", "--batch", "-");
        } finally {
            System.setIn(old);
        }
    }
}
