package dev.iampreflight.cli;

import static dev.iampreflight.cli.CliRun.run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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
