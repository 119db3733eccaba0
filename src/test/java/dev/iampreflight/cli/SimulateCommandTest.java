package dev.iampreflight.cli;

import static dev.iampreflight.cli.CliRun.run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives {@code iam-preflight simulate} through the CLI entry point. */
class SimulateCommandTest {

    @TempDir
    Path dir;



    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "ReadOrders", "Effect": "Allow", "Action": "dynamodb:GetItem",
                 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"},
                {"Sid": "NoDeletes", "Effect": "Deny", "Action": "dynamodb:DeleteItem", "Resource": "*"}
              ]
            }
            """;

    @ParameterizedTest(name = "{0} on {1} -> exit {2}")
    @CsvSource(delimiter = '|', value = {
            "dynamodb:GetItem    | arn:aws:dynamodb:us-east-1:111122223333:table/orders | 0 | allowed",
            "dynamodb:PutItem    | arn:aws:dynamodb:us-east-1:111122223333:table/orders | 1 | implicit_deny",
            "dynamodb:DeleteItem | arn:aws:dynamodb:us-east-1:111122223333:table/orders | 1 | explicit_deny",
            "dynamodb:GetItem    | arn:aws:dynamodb:us-east-1:111122223333:table/{?}    | 1 | allowed_for_some",
    })
    void singleRequestExitCodes(String action, String resource, int code, String decision) throws Exception {
        Path p = write("policy.json", POLICY);
        CliRun r = run("simulate", "--policy", p.toString(), "--action", action, "--resource", resource,
                "--principal", "arn:aws:iam::111122223333:role/app");
        assertEquals(code, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith(decision + ":"), r.out());
    }

    @Test
    void explainNamesStatementsWithLocationsAndChecks() throws Exception {
        Path p = write("policy.json", POLICY);
        CliRun r = run("simulate", "--policy", p.toString(), "--action", "dynamodb:DeleteItem", "--resource",
                "arn:aws:dynamodb:us-east-1:111122223333:table/orders", "--principal",
                "arn:aws:iam::111122223333:role/app", "--explain");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("DENIED_BY_STATEMENT"), r.out());
        assertTrue(r.out().contains("statement 'NoDeletes' (" + p + ":6:"), r.out());
        assertTrue(r.out().contains("statement 'ReadOrders' (" + p + ":4:"), r.out());
        assertTrue(r.out().contains("[ ] Action: request 'dynamodb:DeleteItem' vs ['dynamodb:GetItem'] -> no match"),
                r.out());
        assertTrue(r.out().contains("Deny: applies"), r.out());
    }

    @Test
    void contextListsAndJsonValues() throws Exception {
        Path p = write("tags.json", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
                 "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]},
                               "Bool": {"aws:SecureTransport": "true"}}}}
                """);
        assertEquals(0, run("simulate", "--policy", p.toString(), "--action", "ec2:CreateTags", "--principal",
                "arn:aws:iam::111122223333:user/u", "--context", "aws:TagKeys=a,b", "--context",
                "aws:SecureTransport=true").code());
        assertEquals(1, run("simulate", "--policy", p.toString(), "--action", "ec2:CreateTags", "--principal",
                "arn:aws:iam::111122223333:user/u", "--context", "aws:TagKeys=[\"a\",\"c\"]", "--context",
                "aws:SecureTransport=true").code());
    }

    @Test
    void jsonFormatPrintsTheResultObject() throws Exception {
        Path p = write("policy.json", POLICY);
        CliRun r = run("simulate", "--policy", p.toString(), "--action", "dynamodb:GetItem", "--resource",
                "arn:aws:dynamodb:us-east-1:111122223333:table/{?}", "--principal",
                "arn:aws:iam::111122223333:role/app", "--format", "json");
        assertTrue(r.out().contains("\"decision\":\"allowed_for_some\""), r.out());
        assertTrue(r.out().contains("\"allowedPatterns\":[\"arn:aws:dynamodb:us-east-1:111122223333:table/orders\"]"),
                r.out());
    }

    @Test
    void unreadablePolicyIsAUsageErrorWithALocatedFinding() throws Exception {
        Path p = write("broken.json", "{\"Version\": \"2012-10-17\", \"Statement\": [\n");
        CliRun r = run("simulate", "--policy", p.toString(), "--action", "s3:GetObject");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(p + ":"), r.err());
        assertTrue(r.err().contains("IAM0001"), r.err());
        CliRun missing = run("simulate", "--policy", dir.resolve("nope.json").toString(), "--action", "s3:GetObject");
        assertEquals(2, missing.code());
    }

    @Test
    void missingActionIsAUsageError() {
        CliRun r = run("simulate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--action is required"), r.err());
    }

    private static final String LINE = "{\"id\":%s,\"action\":\"%s\",\"resource\":\"arn:aws:s3:::b/k\","
            + "\"principal\":\"arn:aws:iam::111122223333:user/u\",\"identityPolicies\":[{\"Version\":\"2012-10-17\","
            + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}";

    @Test
    void batchWritesOneResultPerLineAndReportsAMalformedLine() throws Exception {
        Path b = write("batch.jsonl", String.join("\n", List.of(
                LINE.formatted("1", "s3:GetObject"),
                "{not json",
                LINE.formatted("\"three\"", "s3:PutObject"),
                "{\"id\":4,\"action\":\"s3:GetObject\",\"resource\":\"x\",\"identityPolicies\":[{\"Statement\":7}]}",
                "")));
        CliRun r = run("simulate", "--batch", b.toString());
        List<String> lines = lines(r.out());
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("{\"id\":1,\"decision\":\"allowed\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"line\":2") && lines.get(1).contains("\"error\""), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"id\":\"three\",\"decision\":\"implicit_deny\""), lines.get(2));
        assertTrue(lines.get(3).startsWith("{\"id\":4,\"line\":4,\"error\""), lines.get(3));
        assertEquals(2, r.code());
    }

    @Test
    void batchFromStandardInput() {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream((LINE.formatted("7", "s3:GetObject") + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            CliRun r = run("simulate", "--batch", "-");
            assertEquals(List.of(lines(r.out()).get(0)), lines(r.out()));
            assertTrue(r.out().startsWith("{\"id\":7,\"decision\":\"allowed\""), r.out());
            assertEquals(0, r.code());
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void aCallerThatWritesALineToStandardInputGetsItsAnswerBeforeWritingTheNext() throws Exception {
        // A program driving the batch through a pipe writes one request and waits for its answer: the answer must come
        // while standard input is still open (a file, by contrast, is written in blocks).
        InputStream old = System.in;
        java.io.PipedOutputStream toTool = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(toTool, 1 << 16);
        java.util.concurrent.BlockingQueue<String> answered = new java.util.concurrent.LinkedBlockingQueue<>();
        java.io.Writer out = new java.io.Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] c, int off, int len) {
                line.append(c, off, len);
            }

            @Override
            public void flush() {
                int nl = line.indexOf("\n");
                if (nl >= 0) {
                    answered.add(line.substring(0, nl));
                    line.delete(0, nl + 1);
                }
            }

            @Override
            public void close() {
            }
        };
        Thread tool = new Thread(() -> Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(
                new java.io.StringWriter()), false, "simulate", "--batch", "-"));
        try {
            System.setIn(stdin);
            tool.start();
            toTool.write((LINE.formatted("7", "s3:GetObject") + "\n").getBytes(StandardCharsets.UTF_8));
            toTool.flush();
            // Standard input stays open: the answer can only arrive through a flush per line.
            String first = answered.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(first != null && first.startsWith("{\"id\":7,\"decision\":\"allowed\""), String.valueOf(first));
        } finally {
            toTool.close();
            tool.join(60_000);
            System.setIn(old);
        }
    }

    @Test
    void batchExplainIncludesTheTrace() throws Exception {
        Path b = write("one.jsonl", LINE.formatted("1", "s3:PutObject") + "\n");
        CliRun r = run("simulate", "--batch", b.toString(), "--explain");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("\"trace\":[{\"policy\":"), r.out());
        assertTrue(r.out().contains("\"element\":\"Action\",\"matched\":false"), r.out());
    }

    @Test
    void scpLevelsBoundariesAndKeyPoliciesFromFiles() throws Exception {
        Path allowAll = write("all.json", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
                """);
        Path ec2Only = write("ec2.json", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}}
                """);
        Path keyPolicy = write("key.json", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "kms:*", "Resource": "*"}}
                """);
        String[] base = {"simulate", "--policy", allowAll.toString(), "--action", "kms:Decrypt", "--resource",
                "arn:aws:kms:us-east-1:111122223333:key/k", "--principal", "arn:aws:iam::111122223333:role/app"};
        CliRun plain = run(base);
        assertEquals(0, plain.code(), plain.out());
        CliRun scp = run(concat(base, "--scp", allowAll.toString(), "--scp", ec2Only.toString()));
        assertEquals(1, scp.code());
        assertTrue(scp.out().contains("SCP_DOES_NOT_ALLOW") && scp.out().contains("level 1"), scp.out());
        CliRun boundary = run(concat(base, "--boundary", ec2Only.toString()));
        assertTrue(boundary.out().contains("BOUNDARY_DOES_NOT_ALLOW"), boundary.out());
        CliRun rcp = run(concat(base, "--rcp", ec2Only.toString()));
        assertTrue(rcp.out().contains("RCP_DOES_NOT_ALLOW"), rcp.out());
        CliRun kms = run(concat(base, "--resource-policy", keyPolicy.toString(), "--resource-policy-kind", "kms"));
        assertEquals(1, kms.code());
        assertTrue(kms.out().contains("RESOURCE_POLICY_DOES_NOT_TRUST"), kms.out());
        assertEquals(2, run(concat(base, "--resource-policy-kind", "bucket")).code());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\\R")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }
}
