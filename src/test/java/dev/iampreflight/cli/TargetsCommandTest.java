package dev.iampreflight.cli;

import static dev.iampreflight.cli.CliRun.run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.iampreflight.project.Fixtures.iac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsCommandTest {



    @Test
    void textListsTargetsPoliciesAndEnvironmentGrouped() {
        CliRun r = run("targets", iac("chalice-two-stages").toString(), "--stage", "prod", "--account-id",
                "111122223333");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Deploy targets (5)"), r.out());
        assertTrue(r.out().contains("chalice:prod:process_order  [chalice]  .chalice/config.json"), r.out());
        assertTrue(r.out().contains("principal:   arn:aws:iam::111122223333:role/shop-prod-process_order"), r.out());
        assertTrue(r.out().contains("- .chalice/orders-policy.json  (inline; 1 statement)  "
                + ".chalice/orders-policy.json:1"), r.out());
        assertTrue(r.out().contains("QUEUE_URL = https://sqs.us-east-1.amazonaws.com/123456789012/orders"), r.out());
        assertTrue(r.err().contains(".chalice/config.json:29:9: warning IAM0103"), "findings go to stderr: " + r.err());
        assertFalse(r.out().contains("IAM0103"));
    }

    @Test
    void verboseTextSaysWhichFileSetEachTerraformVariable() {
        CliRun r = run("targets", "src/test/resources/idioms/tf-variable-files", "--stage", "blue", "-v",
                "--no-color");
        assertEquals(0, r.code(), r.err());
        String inputs = r.out().substring(r.out().indexOf("Inputs (5)"));
        assertEquals("""
                Inputs (5)
                  .:
                    var.table = "orders"    (terraform.tfvars.json)
                    var.queue = "jobs"    (b.auto.tfvars.json)
                    var.bucket = "prod-bucket"    (env/prod.tfvars)
                    var.topic = "alerts-blue"    (blue.tfvars)
                    terraform.workspace = prod    (.terraform/environment)
                """, inputs.replace("\r", ""));
        assertFalse(run("targets", "src/test/resources/idioms/tf-variable-files").out().contains("Inputs ("));
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        CliRun r = run("targets", iac("sam-orders").toString(), "--format", "json", "--parameter", "Stage=prod",
                "--parameter", "AuditBucketName=acme-audit", "--region", "us-east-1", "--account-id", "123456789012");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode audit = j.get("targets").get(1);
        assertEquals("sam:AuditFunction", audit.get("name").asText());
        assertEquals("sam", audit.get("kind").asText());
        assertEquals("arn:aws:iam::123456789012:role/audit-prod", audit.get("principal").asText());
        JsonNode first = audit.get("identityPolicies").get(0);
        assertEquals("inline", first.get("origin").asText());
        assertEquals("template.yaml", first.get("source").get("file").asText());
        assertEquals("secretsmanager:GetSecretValue",
                first.get("document").get("Statement").get(0).get("Action").get(0).asText());
        assertEquals("in-aws", audit.get("permissionBoundary").get("origin").asText());
        assertEquals("acme-audit", audit.get("environment").get("BUCKET").asText());
        assertEquals("src/audit", audit.get("codeRoots").get(0).asText());
        assertEquals("audit.handler", audit.get("handler").asText());
        assertTrue(j.get("resourcePolicies").size() >= 5);
        assertEquals("kms-key", j.get("resourcePolicies").get(0).get("kind").asText());
        assertTrue(j.get("findings").size() > 0, "findings are part of the JSON");
        assertEquals("", r.err());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sam-orders", "tf-orders", "chalice-two-stages",
            "tf-plan", "sam-conditions"})
    void everyJsonDocumentIsAValidPolicyAgain(String fixture) throws Exception {
        CliRun r = run("targets", iac(fixture).toString(), "--format", "json");
        JsonNode j = new ObjectMapper().readTree(r.out());
        int documents = 0;
        for (JsonNode doc : j.findValues("document")) {
            if (doc.isNull()) {
                continue;
            }
            dev.iampreflight.policy.PolicyParser.Result back = dev.iampreflight.policy.PolicyParser
                    .parseJson(doc.toString(), "round-trip");
            assertFalse(back.hasErrors(), doc + " -> " + back.findings());
            assertEquals(doc.get("Statement").size(), back.document().orElseThrow().statements().size());
            documents++;
        }
        assertTrue(documents > 0);
    }

    @Test
    void nothingFoundIsExitTwoSayingWhatWasLookedFor(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("package.json"), "{}");
        CliRun r = run("targets", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no deploy target found"), r.err());
        assertTrue(r.err().contains(".chalice/config.json") && r.err().contains("*.tf"), r.err());
    }

    @Test
    void helpListsTheOptions() {
        CliRun r = run("targets", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--parameters-file") && r.out().contains("--var-file"), r.out());
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path tmp) {
        assertEquals(2, run("targets", tmp.resolve("missing").toString()).code());
        assertEquals(2, run("targets", tmp.toString(), "--format", "sarif").code());
        assertEquals(2, run("targets", tmp.toString(), "--var-file", "nope.tfvars").code());
    }

    @Test
    void terraformVarsAndVarFiles(@TempDir Path tmp) throws Exception {
        Path vf = tmp.resolve("prod.tfvars");
        Files.writeString(vf, "env = \"staging\"\n");
        CliRun r = run("targets", iac("tf-orders").toString(), "--var-file", vf.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("orders-staging-lambda"), r.out());
        CliRun v = run("targets", iac("tf-orders").toString(), "--var-file", vf.toString(), "--var", "env=qa");
        assertTrue(v.out().contains("orders-qa-lambda"), "--var beats --var-file");
    }
}
