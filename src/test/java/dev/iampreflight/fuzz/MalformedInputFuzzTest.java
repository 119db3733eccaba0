package dev.iampreflight.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.cli.CliRun;
import dev.iampreflight.code.python.PythonParser;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.cloudformation.CloudFormationReader;
import dev.iampreflight.iac.terraform.internal.HclParser;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.policy.PolicyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue #14: a seeded generator of malformed policies, templates (SAM YAML, CloudFormation JSON), HCL, configuration
 * and Python (mutations of valid seeds: cut, repeat, truncate, insert structural characters, control characters and
 * bytes that are not UTF-8). For each input: no exception escapes a reader (templates go through the CloudFormation
 * reader too), every finding about the input is located in it (line and column from 1); and through the CLI, on a
 * project of four sub-projects (Chalice, SAM, CloudFormation JSON, Terraform) with one file of one of them mutated,
 * the exit code is 0, 1 or 2, no reader fails, and the findings of the other sub-projects do not change.
 * A failure prints the seed and the input, so it can be replayed. Our own generator, not jqwik: the properties need
 * no shrinking to be read, and the suite stays free of another dependency.
 */
class MalformedInputFuzzTest {

    /** Unit-level inputs per run (CI); -Dfuzz.inputs=N for a longer session. */
    private static final int INPUTS = Integer.getInteger("fuzz.inputs", 10_000);
    private static final int CLI_RUNS = Integer.getInteger("fuzz.cliRuns", 32);
    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);

    private static final String POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Read", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                 "Condition": {"StringEquals": {"aws:PrincipalTag/team": "orders"}}},
                {"Effect": "Deny", "NotAction": "s3:*", "NotResource": ["arn:aws:s3:::b/*"]}
              ]
            }
            """;

    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage: {Type: String, Default: dev}
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
                  CodeUri: src/
                  Environment:
                    Variables:
                      TABLE: !Ref Table
                      ARN: !Sub "arn:aws:s3:::${Stage}-bucket/*"
                  Policies:
                    - DynamoDBReadPolicy: {TableName: !Ref Table}
                    - Statement:
                        - Effect: Allow
                          Action: [s3:GetObject]
                          Resource: !Join ["", ["arn:aws:s3:::", !Select [0, [a, b]], "/*"]]
            """;

    private static final String TEMPLATE_JSON = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Parameters": {"Bucket": {"Type": "String", "Default": "exports"}},
              "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
              "Resources": {
                "Role": {"Type": "AWS::IAM::Role", "Properties": {
                  "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                  "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [
                    {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": {"Fn::If": ["Prod",
                      {"Fn::Sub": "arn:aws:s3:::${Bucket}/*"},
                      {"Fn::Join": ["", ["arn:aws:s3:::", {"Fn::Select": [1, {"Fn::Split": [",", "a,b"]}]}]]}]}}]}}]}},
                "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
                  "Handler": "export.handler", "Code": "src/", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                  "Environment": {"Variables": {"BUCKET": {"Ref": "Bucket"}}}}}
              }
            }
            """;

    private static final String HCL = """
            variable "stage" { default = "dev" }
            locals { table = "orders-${var.stage}" }
            resource "aws_lambda_function" "f" {
              function_name = "f"
              handler       = "app.handler"
              role          = aws_iam_role.r.arn
              environment { variables = { TABLE = local.table } }
            }
            data "aws_iam_policy_document" "p" {
              statement {
                actions   = ["dynamodb:GetItem"]
                resources = [for t in [local.table] : "arn:aws:dynamodb:*:*:table/${t}"]
              }
            }
            resource "aws_iam_role_policy" "p" {
              role   = aws_iam_role.r.id
              policy = <<EOF
            {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
            EOF
            }
            """;

    private static final String CONFIG = """
            account: "111122223333"
            region: us-east-1
            rules:
              IAM2003: {severity: note}
            ignore:
              - rule: IAM1001
                file: app.py
                reason: "known, tracked in #12"
                expires: 2030-01-01
            """;

    private static final String PYTHON = """
            # -*- coding: utf-8 -*-
            import os
            import boto3

            TABLE = os.environ["TABLE"]
            ddb = boto3.resource("dynamodb").Table(TABLE)

            def handler(event, context):
                key = "reports/" + event["day"]
                key += "/daily.csv"
                for item in ddb.query(KeyConditionExpression="x")["Items"]:
                    boto3.client("s3").put_object(Bucket=f"{TABLE}-out", Key=key, Body=str(item))
                return {"ok": True}
            """;

    private static final String[] NOISE = {"{", "}", "[", "]", "\"", ":", ",", "\n", "\t", "\\", "!", "&a", "*a",
            "#", "(", ")", "${", "<<EOF", "'", "\u0000", "\u001b[31m", "\r", "\u00e9", "\u2028", " ", "-", "?",
            "::error::", "\"Resource\"", "Fn::Select", "!Ref", "%", "=", "\ufeff"};

    private static final String[] DEEP = {"[", "{", "(", "{\"a\":", "- ", "[!Ref ", "{\"Fn::Join\": [\"\", [",
            "f(", "${", "a: {", "\n  "};

    private static byte[] mutate(String seed, Random r) {
        byte[] b = seed.getBytes(StandardCharsets.UTF_8);
        int ops = 1 + r.nextInt(4);
        for (int i = 0; i < ops; i++) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // Deep nesting is one operation in 20: tree-sitter's recovery costs tens of microseconds per opener, so
            // more would take the run past its minute (docs/performance.md).
            switch (r.nextInt(20) == 0 ? 6 : r.nextInt(6)) {
                case 0 -> { // cut a range
                    int end = Math.min(b.length, at + 1 + r.nextInt(12));
                    out.write(b, 0, at);
                    out.write(b, end, b.length - end);
                }
                case 1 -> { // truncate
                    out.write(b, 0, at);
                }
                case 2 -> { // repeat a range (duplicate keys, unclosed brackets)
                    int end = Math.min(b.length, at + 1 + r.nextInt(40));
                    out.write(b, 0, end);
                    for (int k = 0; k < 1 + r.nextInt(3); k++) {
                        out.write(b, at, end - at);
                    }
                    out.write(b, end, b.length - end);
                }
                case 3 -> { // bytes that are not UTF-8
                    out.write(b, 0, at);
                    out.write(r.nextBoolean() ? 0xE9 : 0xC3 + r.nextInt(40));
                    out.write(b, at, b.length - at);
                }
                case 6 -> { // deep nesting: thousands of openers (recursive descent must not overflow the stack)
                    out.write(b, 0, at);
                    String opener = DEEP[r.nextInt(DEEP.length)];
                    out.writeBytes(opener.repeat(100 + r.nextInt(500)).getBytes(StandardCharsets.UTF_8));
                    out.write(b, at, b.length - at);
                }
                default -> { // structural and control characters
                    out.write(b, 0, at);
                    out.writeBytes(NOISE[r.nextInt(NOISE.length)].getBytes(StandardCharsets.UTF_8));
                    out.write(b, at, b.length - at);
                }
            }
            b = out.toByteArray();
        }
        return b;
    }

    private static void located(List<Finding> findings, String file, String input) {
        for (Finding f : findings) {
            if (f.ruleId().startsWith("IAM000") && !f.ruleId().equals(ReservedRules.UNREADABLE)) {
                assertEquals(file, f.location().file(), f + "\n--- input:\n" + input);
                assertTrue(f.location().line() >= 1 && f.location().column() >= 1,
                        "not located: " + f + "\n--- input:\n" + input);
            }
        }
    }

    private static void each(String what, String seed, int n, Random r, Consumer<byte[]> property) {
        for (int i = 0; i < n; i++) {
            byte[] input = mutate(seed, r);
            try {
                property.accept(input);
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                fail(what + " #" + i + " (seed " + SEED + "): " + t + "\n--- input:\n"
                        + new String(input, StandardCharsets.UTF_8), t);
            }
        }
    }

    /** A template's tree, then the CloudFormation reader on it: findings about the template are located in it. */
    private static void template(byte[] in, String file, TreeReader.Format format) {
        String text = new String(in, StandardCharsets.UTF_8);
        TreeReader.Result t = TreeReader.parse(in, file, format);
        located(t.findings(), file, text);
        if (t.root().isPresent() && t.root().get() instanceof dev.iampreflight.core.tree.ObjectNode o
                && CloudFormationReader.isTemplate(o)) {
            List<Finding> fs = CloudFormationReader.read(Path.of("/nonexistent-fuzz-root"), Path.of(
                    "/nonexistent-fuzz-root", file), o, ProjectOptions.defaults(), java.util.Map.of()).findings();
            for (Finding f : fs) {
                assertFalse(f.message().contains("internal error"), f + "\n--- input:\n" + text);
            }
            located(fs.stream().filter(f -> f.location().file().equals(file)).toList(), file, text);
        }
    }

    @Test
    void readersNeverThrowAndLocateWhatTheyReject() {
        Random r = new Random(SEED);
        int n = (INPUTS + 5) / 6;
        long start = System.nanoTime();
        each("policy", POLICY, n, r, in -> {
            TreeReader.Result t = TreeReader.parse(in, "p.json", TreeReader.Format.JSON);
            located(t.findings(), "p.json", new String(in, StandardCharsets.UTF_8));
            t.root().ifPresent(root -> located(PolicyParser.parse(root, "p.json").findings(), "p.json",
                    new String(in, StandardCharsets.UTF_8)));
        });
        each("template", TEMPLATE, n, r, in -> template(in, "template.yaml", TreeReader.Format.YAML));
        each("template json", TEMPLATE_JSON, n, r, in -> template(in, "template.json", TreeReader.Format.JSON));
        each("config", CONFIG, n, r, in -> {
            String text = new String(in, StandardCharsets.UTF_8);
            located(ConfigLoader.parse(text, ".iam-preflight.yml").findings(), ".iam-preflight.yml", text);
        });
        each("hcl", HCL, n, r, in -> {
            String text = new String(in, StandardCharsets.UTF_8);
            try {
                HclParser.parse(text, "main.tf");
            } catch (HclParser.SyntaxError e) {
                assertEquals("main.tf", e.location().file());
                assertTrue(e.location().line() >= 1 && e.location().column() >= 1, e + "\n--- input:\n" + text);
            }
        });
        each("python", PYTHON, n, r, in -> PythonParser.parse("app.py", in));
        // Not a timed test (speed is measured in docs/performance.md): the time is printed for the record.
        System.out.println("fuzz: " + 6 * n + " inputs in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @TempDir
    Path dir;

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** Four sub-projects in one folder: the three examples and a CloudFormation JSON template. */
    private Path mixedProject(Path to) throws Exception {
        for (String example : List.of("chalice-orders", "sam-reports", "terraform-app")) {
            copyTree(Path.of("examples", example), to.resolve(example));
        }
        copyTree(Path.of("src/test/resources/fuzz/cfn-json"), to.resolve("cfn-json"));
        return to;
    }

    /** The findings located outside {@code subProject} (all of them for an empty prefix), as comparable lines. */
    private static Set<String> findingsOutside(String json, String subProject) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : new ObjectMapper().readTree(json).get("findings")) {
            String file = f.get("location").path("file").asText();
            if (subProject.isEmpty() || !file.startsWith(subProject + "/")) {
                out.add(f.get("ruleId").asText() + " " + f.path("target").asText() + " " + f.get("location") + " "
                        + f.get("message").asText());
            }
        }
        return out;
    }

    /** The files mutated, one kind each: policy, SAM YAML, CloudFormation JSON, HCL, configuration, Python. */
    private static final String[] MUTABLE = {"chalice-orders/.chalice/policy-dev.json", "sam-reports/template.yaml",
            "cfn-json/template.json", "terraform-app/main.tf", "sam-reports/.iam-preflight.yml",
            "terraform-app/src/items.py", "chalice-orders/chalicelib/db.py", "chalice-orders/.chalice/config.json"};

    @Test
    void theCliEndsInZeroOneOrTwoNamesTheBadFileAndLeavesTheOthersAlone() throws Exception {
        Random r = new Random(SEED + 1);
        Path reference = mixedProject(dir.resolve("reference"));
        CliRun ok = CliRun.run("check", reference.toString(), "--format", "json");
        assertEquals(1, ok.code(), ok.err());
        List<String> failures = new ArrayList<>();
        Path app = mixedProject(dir.resolve("run"));
        for (int i = 0; i < CLI_RUNS; i++) {
            String file = MUTABLE[i % MUTABLE.length];
            String subProject = file.substring(0, file.indexOf('/'));
            byte[] original = Files.readAllBytes(app.resolve(file));
            byte[] bad = mutate(new String(original, StandardCharsets.UTF_8), r);
            Files.write(app.resolve(file), bad);
            CliRun run = CliRun.run("check", app.toString(), "--format", "json");
            Files.write(app.resolve(file), original);
            String input = "run " + i + ", " + file + ":\n" + new String(bad, StandardCharsets.UTF_8);
            if (run.code() < 0 || run.code() > 2 || run.err().contains("internal error")) {
                failures.add("exit " + run.code() + ": " + run.err() + "\n" + input);
                continue;
            }
            if (run.code() == 2) {
                failures.add("exit 2 although three sub-projects are intact: " + run.err() + "\n" + input);
                continue;
            }
            JsonNode report = new ObjectMapper().readTree(run.out());
            for (JsonNode f : report.get("findings")) {
                String id = f.get("ruleId").asText();
                JsonNode l = f.get("location");
                if (f.get("message").asText().contains("internal error")) {
                    failures.add("a reader failed: " + f + "\n" + input);
                } else if (id.startsWith("IAM000") && l.get("file").asText().equals(file)
                        && (l.path("line").asInt() < 1 || l.path("column").asInt() < 1)) {
                    failures.add("not located in " + file + ": " + f + "\n" + input);
                }
            }
            Set<String> before = findingsOutside(ok.out(), subProject);
            Set<String> after = findingsOutside(run.out(), subProject);
            if (!after.equals(before)) {
                Set<String> gone = new TreeSet<>(before);
                gone.removeAll(after);
                Set<String> added = new TreeSet<>(after);
                added.removeAll(before);
                failures.add("findings outside " + subProject + " changed after mutating " + file + "; gone: " + gone
                        + "; new: " + added + "\n" + input);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failure(s):\n" + String.join("\n\n", failures));
    }
}
