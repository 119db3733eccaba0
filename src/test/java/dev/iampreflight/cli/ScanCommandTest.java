package dev.iampreflight.cli;

import static dev.iampreflight.cli.CliRun.run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives {@code iam-preflight scan} on a small Chalice app with a helper module and a file that does not parse. */
class ScanCommandTest {

    static final String APP = Path.of("src/test/resources/scanner/chalice-app").toString();



    @Test
    void textListsCallsWithRequirementsAndLocatedParseWarnings() {
        CliRun r = run("scan", APP, "--account-id", "123456789012", "--region", "eu-west-1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("chalicelib/db.py:9:12: warning IAM0001"), r.out());
        assertTrue(r.out().contains("app.py:11:24  dynamodb.get_item  high"), r.out());
        assertTrue(r.out().contains("default: dynamodb:GetItem arn:aws:dynamodb:eu-west-1:123456789012:table/orders"),
                r.out());
        assertTrue(r.out().contains("default: kms:GenerateDataKey arn:aws:kms:eu-west-1:123456789012:key/{?}  "
                + "{kms:ViaService=s3.eu-west-1.amazonaws.com}"), r.out());
        assertTrue(r.out().contains("2 SDK calls in 3 Python files"), r.out());
        assertTrue(!r.out().contains("delete_bucket"), "node_modules is skipped");
    }

    @Test
    void wrappersDeclaredInTheConfigAreCallsForScanToo() {
        CliRun r = run("scan", "src/test/resources/check/chalice-wrapper");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("app.py:12:19  ssm.get_parameters_by_path  high  in settings via wrapper "
                + "chalicelib.config.load"), r.out());
        assertTrue(r.out().contains("chalice:dev:api_handler: ssm:GetParametersByPath "
                + "arn:aws:ssm:eu-west-1:111122223333:parameter/settings/dev"), r.out());
        assertTrue(r.out().contains("2 SDK calls"), r.out());
    }

    @Test
    void aCallUnderABranchOnTheEnvironmentShowsItsGuardAndGoesToTheTargetsThatMayTakeIt() throws Exception {
        CliRun r = run("scan", "src/test/resources/check/sam-stage-branch", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode calls = new ObjectMapper().readTree(r.out()).path("calls");
        JsonNode delete = calls.get(1);
        assertEquals("delete_item", delete.path("operation").asText());
        assertEquals("env[STAGE] == 'prod'", delete.path("onlyIf").asText());
        List<String> targets = new ArrayList<>();
        delete.path("requirements").forEach(q -> targets.add(q.path("target").asText()));
        assertEquals(List.of("sam:ProdFunction", "sam:AnyStageFunction"), targets);
        assertTrue(calls.get(0).path("onlyIf").isMissingNode(), "get_item runs on every path");
    }

    @Test
    void aCallWhoseBranchTheGivenEnvironmentDoesNotTakeIsChargedToNone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app.py"), """
                import os
                import boto3
                s3 = boto3.client("s3")
                def handler(event, context):
                    if os.environ.get("STAGE") == "prod":
                        s3.delete_object(Bucket="b", Key="k")
                    s3.get_object(Bucket="b", Key="k")
                """);
        CliRun dev = run("scan", dir.toString(), "--env", "STAGE=dev");
        assertEquals(0, dev.code(), dev.err());
        assertTrue(dev.out().contains("app.py:6:12  s3.delete_object  high  in handler via client only if "
                + "env[STAGE] == 'prod'\n    its branch is not taken in any target's environment: not charged to "
                + "any target"), dev.out());
        assertTrue(dev.out().contains("1 SDK call in 1 Python file; 1 more not charged to any target"), dev.out());
        CliRun prod = run("scan", dir.toString(), "--env", "STAGE=prod");
        assertTrue(prod.out().contains("default: s3:DeleteObject"), prod.out());
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        CliRun r = run("scan", APP, "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode calls = new ObjectMapper().readTree(r.out()).path("calls");
        assertEquals(2, calls.size());
        JsonNode put = calls.get(1);
        assertEquals("s3", put.path("service").asText());
        assertEquals("put_object", put.path("operation").asText());
        assertEquals("HIGH", put.path("confidence").asText());
        assertEquals("app.py", put.path("location").path("file").asText());
        assertEquals(12, put.path("location").path("line").asInt());
        assertEquals(8, put.path("location").path("column").asInt());
        JsonNode req = put.path("requirements").get(0);
        assertEquals("default", req.path("target").asText());
        assertEquals("s3:PutObject", req.path("action").asText());
        assertEquals("arn:{?}:s3:::{?}/orders/{?}.json", req.path("resource").asText());
    }

    @Test
    void policyIsDeterministicAndNarrow() {
        CliRun a = run("scan", APP, "--format", "policy", "--region", "us-east-1", "--account-id", "123456789012");
        CliRun b = run("scan", APP, "--format", "policy", "--region", "us-east-1", "--account-id", "123456789012");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().contains("\"Action\" : \"dynamodb:GetItem\",\n      \"Resource\" : "
                + "\"arn:aws:dynamodb:us-east-1:123456789012:table/orders\""), a.out());
        assertTrue(a.out().contains("\"Resource\" : \"arn:aws:s3:::*/orders/*.json\""), a.out());
    }

    @Test
    void envOptionResolvesEnvironmentVariables() {
        CliRun r = run("scan", APP, "--env", "BUCKET=media", "--env", "TABLE=live-orders", "--region", "us-east-1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("default: s3:PutObject arn:aws:s3:::media/orders/{?}.json"), r.out());
        assertTrue(r.out().contains("default: dynamodb:GetItem arn:aws:dynamodb:us-east-1:{?}:table/live-orders"),
                r.out());
    }

    static final String REACH = Path.of("src/test/resources/idioms/chalice-per-function-reachability").toString();

    @Test
    void callsNoHandlerReachesAreListedApartAndChargedToNoTarget() throws Exception {
        CliRun text = run("scan", REACH);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("chalicelib/legacy.py:4:21  sns.publish  high  in <module> via client\n"
                + "    unreachable from any handler: not charged to any target\n"), text.out());
        assertTrue(text.out().contains("5 SDK calls in 7 Python files; 1 more unreachable from any handler"),
                text.out());

        CliRun json = run("scan", REACH, "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        java.util.List<String> charged = new java.util.ArrayList<>();
        for (JsonNode c : root.path("calls")) {
            for (JsonNode req : c.path("requirements")) {
                charged.add(req.path("target").asText() + " " + c.path("location").path("file").asText());
            }
        }
        assertEquals(java.util.List.of("chalice:dev:api_handler chalicelib/admin.py",
                "chalice:dev:api_handler chalicelib/orders.py", "chalice:dev:api_handler chalicelib/orders.py",
                "chalice:dev:nightly chalicelib/reports.py", "chalice:dev:api_handler chalicelib/settings.py",
                "chalice:dev:nightly chalicelib/settings.py"), charged);
        JsonNode none = root.path("unreachable");
        assertEquals(1, none.size(), json.out());
        assertEquals("sns", none.get(0).path("service").asText());
        assertEquals("chalicelib/legacy.py", none.get(0).path("location").path("file").asText());
        assertEquals("unreachable from any handler", none.get(0).path("reason").asText());

        CliRun policy = run("scan", REACH, "--format", "policy", "--target", "chalice:dev:nightly");
        assertEquals(0, policy.code(), policy.err());
        assertTrue(!policy.out().contains("sns:") && !policy.out().contains("dynamodb:"), policy.out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("scan", "does/not/exist").code());
        assertEquals(2, run("scan", APP, "--format", "sarif").code());
        assertEquals(2, run("scan", APP, "--account-id", "12").code());
        assertEquals(2, run("scan", APP, "--format", "policy", "--target", "nope").code());
    }

    @Test
    void deployTargetsGiveEachCallItsEnvironmentAccountAndRegion() throws Exception {
        CliRun r = run("scan", "examples/chalice-orders", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode calls = new ObjectMapper().readTree(r.out()).path("calls");
        JsonNode update = null;
        for (JsonNode c : calls) {
            if (c.path("operation").asText().equals("update_item")) {
                update = c;
            }
        }
        assertTrue(update != null, r.out());
        java.util.List<String> pairs = new java.util.ArrayList<>();
        for (JsonNode req : update.path("requirements")) {
            pairs.add(req.path("target").asText() + " " + req.path("action").asText() + " "
                    + req.path("resource").asText());
        }
        assertEquals(java.util.List.of(
                "chalice:dev:api_handler dynamodb:UpdateItem arn:aws:dynamodb:us-east-1:111122223333:table/orders-dev",
                "chalice:prod:api_handler dynamodb:UpdateItem arn:aws:dynamodb:us-east-1:111122223333:table/orders-prod"),
                pairs, "TABLE_NAME per stage, account and region from .iam-preflight.yml");
    }

    @Test
    void policyOfOneOfSeveralTargetsNeedsTarget() {
        CliRun several = run("scan", "examples/chalice-orders", "--format", "policy");
        assertEquals(2, several.code());
        assertTrue(several.err().contains("chalice:dev:api_handler, chalice:prod:api_handler"), several.err());
        CliRun one = run("scan", "examples/chalice-orders", "--format", "policy", "--target", "chalice:prod:api_handler");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("table/orders-prod") && !one.out().contains("orders-dev"), one.out());
    }
}
