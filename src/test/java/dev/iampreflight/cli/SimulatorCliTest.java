package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.eval.aws.AwsTestCredentials;
import dev.iampreflight.eval.aws.FakeAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check} and {@code simulate} with {@code --simulator aws|both}, against {@link FakeAws} on 127.0.0.1. */
class SimulatorCliTest {

    static final Path ORDERS = Path.of("examples/chalice-orders");
    static final Path DEPLOYED = Path.of("src/test/resources/simulator/chalice-deployed");

    @TempDir
    Path tmp;
    FakeAws fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeAws();
        AwsTestCredentials.install(tmp);
    }

    @AfterEach
    void stop() {
        fake.close();
        AwsTestCredentials.clear();
    }

    static List<String> ids(String json) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(json).get("findings")) {
            out.add(f.get("ruleId").asText() + " " + (f.hasNonNull("action") ? f.get("action").asText() : "") + " "
                    + (f.hasNonNull("resource") ? f.get("resource").asText() : ""));
        }
        return out;
    }

    @Test
    void theSimulatorFindsWhatTheLocalEngineFindsWithFewCallsAndNoCredentialInAnyOutput() throws Exception {
        CliRun local = CliRun.run("check", ORDERS.toString(), "--format", "json");
        Path report = tmp.resolve("report.json");
        CliRun aws = CliRun.run("check", ORDERS.toString(), "--format", "json", "--simulator", "aws",
                "--endpoint-url", fake.url(), "-v", "--output", report.toString());
        assertEquals(local.code(), aws.code(), aws.err());
        assertEquals(ids(local.out()), ids(Files.readString(report)));
        // Every input set of the two targets (dev, prod) fits one call: as many calls as input sets.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("simulator: (\\d+) call\\(s\\) for (\\d+) "
                + "pair\\(s\\) in (\\d+) input set\\(s\\)").matcher(aws.err());
        assertTrue(m.find(), aws.err());
        assertEquals(m.group(3), m.group(1), aws.err());
        assertEquals(Integer.parseInt(m.group(1)), fake.received("SimulateCustomPolicy").size());
        assertTrue(Integer.parseInt(m.group(2)) >= 12, aws.err());
        assertTrue(fake.received("GetCallerIdentity").isEmpty(), "the account is known: no STS call");
        assertTrue(aws.err().contains("iam-preflight: iam:SimulateCustomPolicy: "), aws.err());
        for (String text : List.of(aws.out(), aws.err(), Files.readString(report))) {
            assertFalse(AwsTestCredentials.leaks(text), text);
        }
    }

    @Test
    void aChaliceIamRoleArnIsCheckedAgainstTheDeployedRole() throws Exception {
        fake.deployRole("arn:aws:iam::111122223333:role/deployed-dev", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":"
                + "\"arn:aws:dynamodb:us-east-1:111122223333:table/orders\"}]}");
        CliRun offline = CliRun.run("check", DEPLOYED.toString(), "--format", "json");
        assertEquals(List.of("IAM1003  "), ids(offline.out()));
        CliRun run = CliRun.run("check", DEPLOYED.toString(), "--format", "json", "--simulator", "aws",
                "--endpoint-url", fake.url());
        assertEquals(1, run.code(), run.err());
        assertEquals(List.of("IAM1001 sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:audit"), ids(run.out()));
        FakeAws.Received call = fake.received("SimulatePrincipalPolicy").get(0);
        assertEquals("arn:aws:iam::111122223333:role/deployed-dev", call.params().get("PolicySourceArn"));
        assertEquals(List.of("dynamodb:GetItem", "sqs:SendMessage"), call.list("ActionNames").stream().sorted()
                .toList());

        // --role-arn checks any project against a role of the user's choice.
        fake.deployRole("arn:aws:iam::111122223333:role/other", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"sqs:SendMessage\"],\"Resource\":\"*\"}]}");
        CliRun other = CliRun.run("check", DEPLOYED.toString(), "--format", "json", "--simulator", "aws",
                "--endpoint-url", fake.url(), "--role-arn", "arn:aws:iam::111122223333:role/other");
        assertEquals(0, other.code(), other.out() + other.err());
    }

    @Test
    void aDeployedRoleCheckWarnsOfOperationsWithNoKnownActionToo() throws Exception {
        // The same warning (IAM1060) as offline: the call is not sent to the simulator, and not passed silently.
        fake.deployRole("arn:aws:iam::111122223333:role/deployed-dev", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        Path project = tmp.resolve("bulk");
        Files.createDirectories(project.resolve(".chalice"));
        Files.copy(DEPLOYED.resolve(".chalice/config.json"), project.resolve(".chalice/config.json"));
        Files.copy(DEPLOYED.resolve(".iam-preflight.yml"), project.resolve(".iam-preflight.yml"));
        Files.writeString(project.resolve("app.py"), """
                import boto3
                from chalice import Chalice

                app = Chalice(app_name="deployed")
                ddb = boto3.client("dynamodb")
                logs = boto3.client("logs")


                @app.route("/load")
                def load():
                    logs.get_log_object(logObjectPointer="p")
                    return ddb.get_item(TableName="orders", Key={"id": {"S": "1"}})
                """);
        CliRun run = CliRun.run("check", project.toString(), "--format", "json", "--simulator", "aws",
                "--endpoint-url", fake.url());
        assertEquals(0, run.code(), run.out() + run.err());
        assertEquals(List.of("IAM1060  "), ids(run.out()), run.err());
        FakeAws.Received call = fake.received("SimulatePrincipalPolicy").get(0);
        assertEquals(List.of("dynamodb:GetItem"), call.list("ActionNames"));
    }

    @Test
    void bothReportsEachDisagreementWithBothExplanations() throws Exception {
        // A recorded answer that allows everything: where the local engine denies, the engines disagree.
        StringBuilder members = new StringBuilder();
        for (String a : List.of("dynamodb:GetItem", "sqs:SendMessage")) {
            for (String r : List.of("arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                    "arn:aws:sqs:us-east-1:111122223333:audit")) {
                members.append("<member><EvalActionName>").append(a).append("</EvalActionName><EvalResourceName>")
                        .append(r).append("</EvalResourceName><EvalDecision>allowed</EvalDecision></member>");
            }
        }
        Path project = tmp.resolve("p");
        Files.createDirectories(project.resolve(".chalice"));
        Files.copy(DEPLOYED.resolve("app.py"), project.resolve("app.py"));
        Files.copy(DEPLOYED.resolve(".iam-preflight.yml"), project.resolve(".iam-preflight.yml"));
        Files.writeString(project.resolve(".chalice/config.json"), "{\"version\":\"2.0\",\"app_name\":\"p\","
                + "\"autogen_policy\":false,\"stages\":{\"dev\":{}}}");
        Files.writeString(project.resolve(".chalice/policy-dev.json"), "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}");
        fake.script("SimulateCustomPolicy", 200, FakeAws.response("SimulateCustomPolicy", members.toString(),
                false, null));
        CliRun run = CliRun.run("check", project.toString(), "--format", "json", "--simulator", "both",
                "--endpoint-url", fake.url());
        List<String> ids = ids(run.out());
        assertEquals(List.of("IAM1001 sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:audit",
                "IAM1101 sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:audit"), ids.stream().sorted().toList());
        assertTrue(ids.contains("IAM1101 sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:audit"), ids.toString());
        JsonNode disagreement = null;
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("findings")) {
            if (f.get("ruleId").asText().equals("IAM1101")) {
                disagreement = f;
            }
        }
        String message = disagreement.get("message").asText();
        assertTrue(message.contains("local engine: implicit_deny (NO_ALLOW_IN_IDENTITY"), message);
        assertTrue(message.contains("AWS simulator: allowed (ALLOWED_BY_SIMULATOR"), message);
    }

    @Test
    void simulateAsksTheSimulatorAndNamesDisagreements() throws Exception {
        Path policy = tmp.resolve("p.json");
        Files.writeString(policy, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}");
        CliRun run = CliRun.run("simulate", "--policy", policy.toString(), "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k", "--principal", "arn:aws:iam::111122223333:role/r",
                "--simulator", "both", "--endpoint-url", fake.url(), "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode out = new ObjectMapper().readTree(run.out());
        assertEquals("allowed", out.get("simulator").get("decision").asText());
        assertFalse(out.get("simulator").get("disagrees").asBoolean());
        assertEquals(1, fake.received("SimulateCustomPolicy").size());
    }

    @Test
    void usageErrorsAndAwsErrorsExitTwoNamingTheFix() {
        CliRun local = CliRun.run("check", ORDERS.toString(), "--profile", "x");
        assertEquals(2, local.code());
        assertTrue(local.err().contains("--profile, --endpoint-url and --role-arn need --simulator aws or both"));
        CliRun bad = CliRun.run("check", ORDERS.toString(), "--simulator", "aws", "--endpoint-url", "not a url");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--endpoint-url 'not a url' is not a URL"), bad.err());

        fake.script("SimulateCustomPolicy", 403, FakeAws.error("https://iam.amazonaws.com/doc/2010-05-08/",
                "AccessDenied", "not authorized"));
        CliRun denied = CliRun.run("check", ORDERS.toString(), "--simulator", "aws", "--endpoint-url", fake.url(),
                "-v");
        assertEquals(2, denied.code(), denied.err());
        assertTrue(denied.err().contains("may not call iam:SimulateCustomPolicy (AccessDenied)"), denied.err());
        assertFalse(denied.err().contains("\tat "), "no stack trace: " + denied.err());
        assertFalse(AwsTestCredentials.leaks(denied.out() + denied.err()));
    }

    /**
     * Issue #17: a --batch file's lines are grouped into simulator calls across lines: lines with the same policies
     * (and caller, context) are one input set, and its pairs take at most ceil(pairs / 31) calls, checked on the
     * exact requests the server receives. Each line still gets its own result, in order.
     */
    @Test
    void aBatchGroupsLinesIntoCallsAcrossLines() throws Exception {
        String policyA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::a/*\"}]}";
        String policyB = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}";
        StringBuilder lines = new StringBuilder();
        int pairsA = 40;
        for (int i = 0; i < pairsA; i++) {
            lines.append("{\"id\":\"a").append(i).append("\",\"identityPolicies\":[").append(policyA)
                    .append("],\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::a/k").append(i)
                    .append("\"}\n");
            if (i % 8 == 0) {
                lines.append("{\"id\":\"b").append(i).append("\",\"identityPolicies\":[").append(policyB)
                        .append("],\"action\":\"s3:PutObject\",\"resource\":\"arn:aws:s3:::b/k").append(i)
                        .append("\"}\n");
            }
        }
        Path file = tmp.resolve("batch.jsonl");
        Files.writeString(file, lines);
        CliRun run = CliRun.run("simulate", "--batch", file.toString(), "--simulator", "aws", "--endpoint-url",
                fake.url(), "-v");
        assertEquals(0, run.code(), run.err());
        String[] out = run.out().split("\n");
        assertEquals(pairsA + 5, out.length, run.out());
        assertEquals("a0", new ObjectMapper().readTree(out[0]).get("id").asText());
        assertEquals("b0", new ObjectMapper().readTree(out[1]).get("id").asText());
        assertEquals("allowed", new ObjectMapper().readTree(out[0]).get("decision").asText());
        List<FakeAws.Received> calls = fake.received("SimulateCustomPolicy");
        int withA = 0;
        int withB = 0;
        int resources = 0;
        for (FakeAws.Received c : calls) {
            String doc = c.params().get("PolicyInputList.member.1");
            if (doc.contains("arn:aws:s3:::a/*")) {
                withA++;
            } else {
                withB++;
            }
            resources += c.list("ResourceArns").size();
        }
        assertTrue(withA >= 1 && withA <= (int) Math.ceil(pairsA / 31.0), withA + " calls");
        assertEquals(1, withB, calls.size() + " calls");
        assertEquals(pairsA + 5, resources);
        assertTrue(run.err().contains("simulator: " + calls.size() + " call(s) for " + (pairsA + 5)
                + " pair(s) in 2 input set(s)"), run.err());
    }
}
