package dev.iampreflight.check;

import dev.iampreflight.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three example apps under examples/, checked through the CLI entry point exactly as the README runs them: each
 * has deliberate bugs, and the preflight must report exactly those, with the code line, and exit 1.
 */
class ExamplesEndToEndTest {


    static CliRun check(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(all);
    }

    /** "IAM1001 target action resource file:line" for each finding, in report order. */
    static List<String> findings(CliRun r) throws Exception {
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            out.add(f.get("ruleId").asText() + " " + text(f, "target") + " " + text(f, "action") + " "
                    + text(f, "resource") + " " + f.get("location").get("file").asText() + ":"
                    + f.get("location").get("line").asInt());
        }
        return out;
    }

    private static String text(JsonNode f, String field) {
        JsonNode n = f.get(field);
        return n == null || n.isNull() ? "-" : n.asText();
    }

    @Test
    void chaliceOrdersDevMissesFourPermissionsAndProdIsClean() throws Exception {
        CliRun r = check("examples/chalice-orders", "--format", "json");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "IAM1001 chalice:dev:api_handler dynamodb:UpdateItem arn:aws:dynamodb:us-east-1:111122223333:table/orders-dev chalicelib/db.py:17",
                "IAM1001 chalice:dev:api_handler dynamodb:DeleteItem arn:aws:dynamodb:us-east-1:111122223333:table/orders-dev chalicelib/db.py:25",
                "IAM1001 chalice:dev:api_handler dynamodb:Query arn:aws:dynamodb:us-east-1:111122223333:table/orders-dev/index/by-customer chalicelib/db.py:28",
                "IAM1001 chalice:dev:api_handler ses:SendEmail arn:aws:ses:us-east-1:111122223333:identity/orders@example.com chalicelib/mail.py:18"),
                findings(r));
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(2, root.get("summary").get("targets").asInt());
        List<String> targets = new ArrayList<>();
        root.get("targets").forEach(t -> targets.add(t.get("name").asText() + " " + t.get("evaluation").asText()));
        assertEquals(List.of("chalice:dev:api_handler policy", "chalice:prod:api_handler policy"), targets);
        JsonNode query = root.get("findings").get(2);
        assertTrue(query.get("message").asText().contains("empty account field"), query.get("message").asText());
        assertEquals(".chalice/policy-dev.json", query.get("related").get(0).get("file").asText());
        assertEquals(13, query.get("related").get(0).get("line").asInt());
        assertEquals(".chalice/policy-dev.json", query.get("fix").get("policyFile").asText());
    }

    @Test
    void chaliceOrdersProdStageAloneIsClean() throws Exception {
        CliRun r = check("examples/chalice-orders", "--stage", "prod", "--format", "json");
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(List.of(), findings(r));
    }
    @Test
    void samReportsKeyPolicyDoesNotTrustTheWriterAndSsmDecryptIsMissing() throws Exception {
        CliRun r = check("examples/sam-reports", "--format", "json");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                // Which key encrypts the parameter is not in the code: needed only for a customer managed key.
                "IAM1002 sam:ReportsFunction kms:Decrypt arn:aws:kms:us-east-1:111122223333:key/{?} src/reports.py:11",
                "IAM1001 sam:ReportsFunction kms:GenerateDataKey arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab src/reports.py:19"),
                findings(r));
        JsonNode kms = new ObjectMapper().readTree(r.out()).get("findings").get(1);
        assertTrue(kms.get("message").asText().contains("KMS key policy 'kms-key-policy.json' does not allow"),
                kms.get("message").asText());
        assertEquals("kms-key-policy.json", kms.get("related").get(0).get("file").asText());
        assertTrue(kms.get("fix").get("statement").toString().contains("arn:aws:iam::111122223333:root"),
                "a key policy cannot name a wildcard role ARN, so the fix trusts the account root");
        JsonNode decrypt = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertEquals("[\"arn:aws:kms:us-east-1:111122223333:key/*\"]",
                decrypt.get("fix").get("statement").get("Resource").toString(), "no {?} in a suggested policy");
    }

    @Test
    void terraformAppSsmPathIsNotCoveredAndTableReferenceResolves() throws Exception {
        CliRun r = check("examples/terraform-app", "--format", "json");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "IAM1001 tf:aws_lambda_function.items ssm:GetParametersByPath arn:aws:ssm:us-east-1:111122223333:parameter/app/config src/items.py:11"),
                findings(r));
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertEquals("main.tf", f.get("related").get(0).get("file").asText());
        assertEquals(58, f.get("related").get(0).get("line").asInt());
        assertTrue(f.get("message").asText().contains("parameter/app/prod/*"), f.get("message").asText());
        assertEquals(3, new ObjectMapper().readTree(r.out()).get("summary").get("calls").asInt());
    }

    @Test
    void chaliceAutogenReportsCallsTheGeneratorCannotSeeAsDenied() throws Exception {
        CliRun r = check("src/test/resources/check/chalice-autogen", "--format", "json");
        assertEquals(1, r.code(), "chalice's generator reads only app.py: the deployed policy lacks it " + r.err());
        assertEquals(List.of(
                "IAM1004 chalice:dev:api_handler dynamodb:GetItem arn:aws:dynamodb:{?}:{?}:table/items chalicelib/store.py:9",
                "IAM1004 chalice:dev:refresh dynamodb:GetItem arn:aws:dynamodb:{?}:{?}:table/items chalicelib/store.py:9"),
                findings(r), "a helper's call belongs to every function that may reach it");
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertEquals("error", f.get("severity").asText());
        assertTrue(f.get("message").asText().contains("reads only app.py"), f.get("message").asText());
    }

    @Test
    void roleThatLivesInAwsIsACannotCheckNoteOncePerTarget() throws Exception {
        CliRun r = check("src/test/resources/check/chalice-existing-role", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("IAM1003 chalice:dev:api_handler - - .chalice/config.json:5"), findings(r));
        assertTrue(r.out().contains("arn:aws:iam::111122223333:role/existing-app"));
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode target = root.get("targets").get(0);
        assertEquals("chalice:dev:api_handler", target.get("name").asText());
        assertEquals("none", target.get("evaluation").asText(), "the JSON report says the target was not evaluated");
        assertTrue(target.get("calls").asInt() > 0, "and how many calls went unchecked: " + target);
        assertEquals(0, root.get("summary").get("calls").asInt(), "calls that were not evaluated are not 'checked'");
        assertEquals(1, check("src/test/resources/check/chalice-existing-role", "--fail-on", "note").code());
        assertEquals(0, check("src/test/resources/check/chalice-existing-role", "--fail-on", "never").code());
    }

    @Test
    void sdkWrappersFromTheConfigBecomeRequirements() throws Exception {
        CliRun r = check("src/test/resources/check/sam-wrapper", "--format", "json");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("IAM1001 sam:ConfigFunction ssm:GetParametersByPath "
                + "arn:aws:ssm:eu-west-1:111122223333:parameter/app/prod src/handler.py:5"), findings(r));
        String message = new ObjectMapper().readTree(r.out()).get("findings").get(0).get("message").asText();
        assertTrue(message.contains("only on 'arn:aws:ssm:eu-west-1:111122223333:parameter/app/prod/db-url'"),
                "the near miss is the SAM template's own statement, not its sibling on '*': " + message);
    }

    /**
     * Operations the frozen aws-sdk v2 models lacked are recognised and mapped (rename_object to
     * s3express:CreateSession, assume_root on a member account's root, kinesis tag_resource on the stream ARN), an
     * operation with no known action warns (IAM1060), and operations IAM does not authorize (get_caller_identity,
     * the token-authorized list_user_sessions and get_user) yield nothing.
     */
    @Test
    void currentOperationsAreCheckedAndUnknownOnesWarn() throws Exception {
        CliRun r = check("src/test/resources/check/new-operations", "--format", "json");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "IAM1002 sam:OpsFunction sts:AssumeRoot arn:aws:iam::{?}:root src/handler.py:20",
                "IAM1001 sam:OpsFunction kinesis:TagResource arn:aws:kinesis:eu-west-1:111122223333:stream/events "
                        + "src/handler.py:22",
                "IAM1060 sam:OpsFunction - - src/handler.py:24"), findings(r));
    }

    @Test
    void aProjectFunctionDeclaredAsAWrapperInDottedFormIsCheckedWithItsPositionalArgument() throws Exception {
        // .iam-preflight.yml declares chalicelib.config.load (Path <- its parameter 'prefix'); app.py passes the
        // prefix by position, once from the stage's environment (granted) and once as a literal (not granted).
        CliRun r = check("src/test/resources/check/chalice-wrapper", "--format", "json");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("IAM1001 chalice:dev:api_handler ssm:GetParametersByPath "
                + "arn:aws:ssm:eu-west-1:111122223333:parameter/flags/dev app.py:17"), findings(r));
    }

    @Test
    void aCallUnderABranchOnTheStageIsChargedOnlyToTheTargetsWhoseEnvironmentMayTakeIt() throws Exception {
        // One code folder, three functions: STAGE=dev, STAGE=prod, and STAGE from a parameter without a value.
        CliRun r = check("src/test/resources/check/sam-stage-branch", "--format", "json", "--account-id",
                "111122223333", "--region", "eu-west-1");
        assertEquals(1, r.code(), r.err());
        String prefix = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders-";
        assertEquals(List.of(
                "IAM1002 sam:AnyStageFunction dynamodb:DeleteItem " + prefix + "any src/orders.py:13",
                "IAM1002 sam:AnyStageFunction dynamodb:UpdateItem " + prefix + "any src/orders.py:15",
                "IAM1002 sam:AnyStageFunction dynamodb:PutItem " + prefix + "any src/orders.py:27",
                "IAM1001 sam:DevFunction dynamodb:PutItem " + prefix + "dev src/orders.py:27",
                "IAM1001 sam:ProdFunction dynamodb:DeleteItem " + prefix + "prod src/orders.py:13",
                "IAM1001 sam:ProdFunction dynamodb:UpdateItem " + prefix + "prod src/orders.py:15"), findings(r),
                "dev never deletes nor updates (if STAGE == 'prod', if IS_PROD), prod never audits (an early return "
                        + "unless dev), and where STAGE is not known the call may run: a warning, not an error");
        JsonNode any = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertTrue(any.get("message").asText().endsWith("The call runs only if env[STAGE] == 'prod', which "
                + "sam:AnyStageFunction's environment does not decide."), any.toString());
    }

    @Test
    void anUnreadablePolicyFileIsReportedOnceAndItsTargetIsNotGuessedAt(@TempDir Path tmp) throws Exception {
        Path app = TestFiles.copyTree(Path.of("examples/chalice-orders"), tmp.resolve("app"));
        Path policy = app.resolve(".chalice/policy-dev.json");
        Files.writeString(policy, Files.readString(policy).substring(0, 200));
        CliRun r = check(app.toString(), "--format", "json");
        assertEquals(1, r.code(), r.err());
        List<String> f = findings(r);
        assertEquals(2, f.size(), f.toString());
        assertEquals(List.of("IAM0001 - - - .chalice/policy-dev.json:11",
                "IAM1003 chalice:dev:api_handler - - .chalice/policy-dev.json:1"), f, "no IAM1001 guessed");
    }

    @Test
    void aCallInARouteBelongsToApiHandlerOnly() throws Exception {
        CliRun r = check("src/test/resources/iac/chalice-two-stages", "--format", "json");
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> targets = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            if (f.get("ruleId").asText().startsWith("IAM100")) {
                targets.add(f.get("target").asText());
            }
        }
        assertEquals(List.of("chalice:dev:api_handler", "chalice:prod:api_handler"), targets,
                "table.scan() is written in a route, so the scheduled, SQS and websocket functions do not run it");
    }

    @Test
    void nothingToCheckIsExitTwoAndSaysWhatWasLookedFor() {
        CliRun r = check("src/test/resources/check/empty");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no deploy target found"), r.err());
        assertTrue(r.err().contains(".chalice/config.json") && r.err().contains("*.tf"), r.err());
        assertEquals(2, check("no/such/dir").code());
    }

    @Test
    void targetGlobSelectsTargets() throws Exception {
        CliRun r = check("examples/chalice-orders", "--target", "chalice:prod:*", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, new ObjectMapper().readTree(r.out()).get("summary").get("targets").asInt());
    }

    @Test
    void fixWritesTheMissingStatementsOnceAndTheStageThenPasses(@TempDir Path tmp) throws Exception {
        Path app = TestFiles.copyTree(Path.of("examples/chalice-orders"), tmp.resolve("app"));
        Path policy = app.resolve(".chalice/policy-dev.json");
        String before = Files.readString(policy);

        CliRun dry = check(app.toString(), "--stage", "dev", "--fix", "--dry-run", "-q");
        assertEquals(before, Files.readString(policy), "--dry-run writes nothing");
        assertTrue(dry.out().contains("--- .chalice/policy-dev.json") || dry.out().contains("policy-dev.json"),
                dry.out());
        assertTrue(dry.out().contains("+") && dry.out().contains("dynamodb:UpdateItem"), dry.out());

        CliRun fixed = check(app.toString(), "--stage", "dev", "--fix", "-q");
        assertEquals(0, fixed.code(), "the report after --fix shows what is left, here nothing: " + fixed.out());
        assertTrue(fixed.err().contains("fixed .chalice/policy-dev.json"), fixed.err());
        String after = Files.readString(policy);
        assertFalse(after.equals(before));
        assertTrue(after.contains("dynamodb:UpdateItem") && after.contains("dynamodb:DeleteItem"), after);
        assertTrue(after.contains("arn:aws:ses:us-east-1:111122223333:identity/orders@example.com"), after);

        CliRun again = check(app.toString(), "--stage", "dev", "--format", "json");
        assertEquals(0, again.code(), "after --fix the dev stage passes: " + again.out());
        check(app.toString(), "--stage", "dev", "--fix", "-q");
        assertEquals(after, Files.readString(policy), "a second --fix changes nothing");
    }

    @Test
    void baselineHidesKnownFindingsOnly(@TempDir Path tmp) throws Exception {
        Path baseline = tmp.resolve("baseline.json");
        assertEquals(0, check("examples/chalice-orders", "--write-baseline", baseline.toString(), "-q").code());
        CliRun r = check("examples/chalice-orders", "--baseline", baseline.toString(), "--format", "json");
        assertEquals(0, r.code(), r.out());
        assertEquals(List.of(), findings(r));
    }

    @Test
    void sarifOutputCarriesEveryFindingWithRepoRelativeUris(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out.sarif");
        CliRun r = check("examples/chalice-orders", "--format", "sarif", "--output", out.toString());
        assertEquals(1, r.code(), r.err());
        JsonNode sarif = new ObjectMapper().readTree(out.toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertEquals(4, results.size());
        String uri = results.get(0).get("locations").get(0).get("physicalLocation").get("artifactLocation")
                .get("uri").asText();
        assertTrue(uri.endsWith("chalicelib/db.py") && !uri.startsWith("/"), uri);
    }

}
