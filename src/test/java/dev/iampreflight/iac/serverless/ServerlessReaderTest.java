package dev.iampreflight.iac.serverless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iampreflight.project.Fixtures.iac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serverless Framework services under src/test/resources/iac/sls-*, read through the CLI entry point as a user runs
 * {@code targets} and {@code check}: exact targets, policies, environment, code and findings.
 */
class ServerlessReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "111122223333";

    private static JsonNode run(int expectedExit, String... args) throws Exception {
        CliRun r = CliRun.run(args);
        assertEquals(expectedExit, r.code(), r.err() + r.out());
        return JSON.readTree(r.out());
    }

    private static JsonNode targets(String fixture, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("targets", iac(fixture).toString(), "--format", "json"));
        args.addAll(List.of(options));
        return run(0, args.toArray(String[]::new));
    }

    private static JsonNode target(JsonNode root, String name) {
        for (JsonNode t : root.get("targets")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError(name + " not in " + names(root));
    }

    private static List<String> names(JsonNode root) {
        List<String> out = new ArrayList<>();
        root.get("targets").forEach(t -> out.add(t.get("name").asText()));
        return out;
    }

    /** "RULE severity file:line" of each finding, in report order. */
    private static List<String> findings(JsonNode root) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            out.add(f.get("ruleId").asText() + " " + f.get("severity").asText() + " "
                    + f.get("location").get("file").asText() + ":" + f.get("location").get("line").asInt());
        }
        return out;
    }

    private static String message(JsonNode root, String rule) {
        for (JsonNode f : root.get("findings")) {
            if (f.get("ruleId").asText().equals(rule)) {
                return f.get("message").asText();
            }
        }
        throw new AssertionError("no " + rule);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Each statement of a policy document as "Action,... on Resource,...". */
    private static List<String> statements(JsonNode policy) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : policy.get("document").get("Statement")) {
            out.add(String.join(",", list(s.get("Action"))) + " on " + String.join(",", list(s.get("Resource"))));
        }
        return out;
    }

    private static List<String> list(JsonNode n) {
        return n.isArray() ? strings(n) : List.of(n.asText());
    }

    private static Map<String, String> env(JsonNode t) {
        Map<String, String> out = new LinkedHashMap<>();
        t.get("environment").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    // ---- check, end to end ---------------------------------------------------------------------------------------

    /** "RULE target action resource file:line" of each finding of a check run. */
    private static List<String> checkFindings(JsonNode root) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            out.add(f.get("ruleId").asText() + " " + f.get("target").asText("-") + " " + f.get("action").asText("-")
                    + " " + f.get("resource").asText("-") + " " + f.get("location").get("file").asText() + ":"
                    + f.get("location").get("line").asInt());
        }
        return out;
    }

    @Test
    void ordersReportJobScansATableItsRoleDoesNotAllow() throws Exception {
        JsonNode r = run(1, "check", iac("sls-orders").toString(), "--account-id", ACCOUNT, "--format", "json");
        assertEquals(List.of(
                "IAM0142 - - - serverless.yml:45",
                "IAM1001 serverless:dev:reportJob dynamodb:Scan arn:aws:dynamodb:eu-west-1:111122223333:table/orders-dev jobs/report.py:11"),
                checkFindings(r));
        List<String> checked = new ArrayList<>();
        r.get("targets").forEach(t -> checked.add(t.get("name").asText() + " " + t.get("calls").asInt() + " "
                + t.get("evaluation").asText()));
        // put_item + send_message for createOrder; scan + delete_message (allowed by the sqs event) for reportJob.
        assertEquals(List.of("serverless:dev:createOrder 2 policy", "serverless:dev:reportJob 2 policy"), checked);
        JsonNode scan = r.get("findings").get(1);
        assertEquals("serverless.yml", scan.get("related").get(0).get("file").asText());
        assertEquals(16, scan.get("related").get(0).get("line").asInt());
        assertTrue(message(r, "IAM0142").contains("'webApp' runs on nodejs20.x"), message(r, "IAM0142"));
    }

    @Test
    void ordersStageOptionRenamesTargetsAndResources() throws Exception {
        JsonNode r = run(1, "check", iac("sls-orders").toString(), "--account-id", ACCOUNT, "--stage", "prod",
                "--format", "json");
        assertEquals("IAM1001 serverless:prod:reportJob dynamodb:Scan "
                + "arn:aws:dynamodb:eu-west-1:111122223333:table/orders-prod jobs/report.py:11", checkFindings(r).get(1));
    }

    @Test
    void ordersTargetsCarryEnvironmentCodeAndTheFrameworkStatements() throws Exception {
        JsonNode r = targets("sls-orders", "--account-id", ACCOUNT);
        assertEquals(List.of("serverless:dev:createOrder", "serverless:dev:reportJob"), names(r));
        JsonNode create = target(r, "serverless:dev:createOrder");
        assertEquals("serverless", create.get("kind").asText());
        assertEquals("arn:aws:iam::111122223333:role/orders-dev-eu-west-1-lambdaRole",
                create.get("principal").asText());
        assertEquals("orders/api.create", create.get("handler").asText());
        assertEquals(List.of("common", "orders"), strings(create.get("codeRoots")));
        assertEquals(List.of("common", "jobs"), strings(target(r, "serverless:dev:reportJob").get("codeRoots")));
        assertEquals("eu-west-1", create.get("region").asText());
        assertEquals(Map.of("TABLE_NAME", "orders-dev",
                "QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/111122223333/orders-jobs-dev"), env(create));
        assertEquals("serverless.yml:32", create.get("declaredIn").get("file").asText() + ":"
                + create.get("declaredIn").get("line").asInt());
        JsonNode policy = create.get("identityPolicies").get(0);
        assertEquals("inline", policy.get("origin").asText());
        assertEquals(List.of(
                "logs:CreateLogStream,logs:CreateLogGroup,logs:TagResource on "
                        + "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders-dev*:*",
                "logs:PutLogEvents on arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders-dev*:*:*",
                "dynamodb:GetItem,dynamodb:PutItem on arn:aws:dynamodb:eu-west-1:111122223333:table/orders-dev",
                "sqs:SendMessage on arn:aws:sqs:eu-west-1:111122223333:orders-jobs-dev",
                "sqs:ReceiveMessage,sqs:DeleteMessage,sqs:GetQueueAttributes on "
                        + "arn:aws:sqs:eu-west-1:111122223333:orders-jobs-dev"), statements(policy));
        assertEquals(List.of("IAM0142 note serverless.yml:45"), findings(r));
    }

    @Test
    void cleanServiceWithOldStyleStatementsManagedPoliciesAndFilesPasses() throws Exception {
        JsonNode r = run(0, "check", iac("sls-clean").toString(), "--account-id", ACCOUNT, "--format", "json");
        // resources/api.yml refers to ApiGatewayRestApi, which the framework generates: it is a fragment of the
        // service, not a template of its own, so it gives no "unknown reference" error.
        assertEquals(List.of(), checkFindings(r));
        assertEquals(2, r.get("targets").get(0).get("calls").asInt());

        JsonNode t = target(targets("sls-clean", "--account-id", ACCOUNT), "serverless:prod:archive");
        assertEquals(Map.of("BUCKET", "reports-prod-archive", "TABLE", "reports-prod", "LOG_LEVEL", "INFO"), env(t));
        assertEquals("us-west-2", t.get("region").asText());
        // exclude: ['**', '!handler.py'] packages handler.py only, so scripts/seed.py's delete_table is not charged
        assertEquals(List.of("handler.py"), strings(t.get("codeRoots")));
        assertEquals(List.of("inline", "aws-managed"), List.of(t.get("identityPolicies").get(0).get("origin").asText(),
                t.get("identityPolicies").get(1).get("origin").asText()));
        assertEquals("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                t.get("identityPolicies").get(1).get("name").asText());
        assertEquals("dynamodb:Query on arn:aws:dynamodb:us-west-2:111122223333:table/reports-prod",
                statements(t.get("identityPolicies").get(0)).get(2));
    }

    // ---- roles ---------------------------------------------------------------------------------------------------

    @Test
    void rolesOfTheServiceThePluginResourcesAndAws() throws Exception {
        JsonNode r = targets("sls-roles", "--account-id", ACCOUNT);
        assertEquals(List.of("serverless:dev:charge", "serverless:dev:refund", "serverless:dev:audit",
                "serverless:dev:legacy", "serverless:dev:exporter", "serverless:dev:typo", "serverless:dev:quiet",
                "serverless:dev:predictor"), names(r));

        JsonNode charge = target(r, "serverless:dev:charge");
        assertEquals("arn:aws:iam::111122223333:role/billing-shared", charge.get("principal").asText());
        assertEquals(List.of(
                "logs:CreateLogStream,logs:CreateLogGroup,logs:TagResource on "
                        + "arn:aws:logs:us-east-2:111122223333:log-group:/aws/lambda/billing-dev*:*",
                "logs:PutLogEvents on arn:aws:logs:us-east-2:111122223333:log-group:/aws/lambda/billing-dev*:*:*",
                "sns:Publish on arn:aws:sns:us-east-2:111122223333:billing-alerts",
                // stream.js adds each function's event statements to the service role
                "dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:DescribeStream,dynamodb:ListStreams on "
                        + "arn:aws:dynamodb:us-east-2:111122223333:table/billing-ledger-dev/stream/{?}"),
                statements(charge.get("identityPolicies").get(0)));
        assertEquals("arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
                charge.get("identityPolicies").get(1).get("name").asText());
        assertEquals("arn:aws:iam::aws:policy/PowerUserAccess", charge.get("permissionBoundary").get("name").asText());

        // serverless-iam-roles-per-function: own role, its log group, its stream, inherited provider statements,
        // its own statements; no provider managed policies and no boundary.
        JsonNode refund = target(r, "serverless:dev:refund");
        assertEquals("arn:aws:iam::111122223333:role/billing-dev-refund-us-east-2-lambdaRole",
                refund.get("principal").asText());
        assertEquals(1, refund.get("identityPolicies").size());
        assertTrue(refund.get("permissionBoundary").isNull());
        assertEquals(List.of(
                "logs:CreateLogStream,logs:CreateLogGroup,logs:PutLogEvents on "
                        + "arn:aws:logs:us-east-2:111122223333:log-group:/aws/lambda/billing-dev-refund:*:*",
                "dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:DescribeStream,dynamodb:ListStreams on "
                        + "arn:aws:dynamodb:us-east-2:111122223333:table/billing-ledger-dev/stream/{?}",
                "sns:Publish on arn:aws:sns:us-east-2:111122223333:billing-alerts",
                "dynamodb:UpdateItem on arn:aws:dynamodb:us-east-2:111122223333:table/billing-ledger-dev"),
                statements(refund.get("identityPolicies").get(0)));
        // iamRoleStatements: [] still gets a role of its own, with the log statement only (defaultInherit false).
        assertEquals(List.of("logs:CreateLogStream,logs:CreateLogGroup,logs:PutLogEvents on "
                        + "arn:aws:logs:us-east-2:111122223333:log-group:/aws/lambda/billing-dev-audit:*:*"),
                statements(target(r, "serverless:dev:audit").get("identityPolicies").get(0)));

        JsonNode legacy = target(r, "serverless:dev:legacy");
        assertEquals("in-aws", legacy.get("identityPolicies").get(0).get("origin").asText());
        assertEquals("arn:aws:iam::111122223333:role/legacy-billing", legacy.get("principal").asText());
        JsonNode exporter = target(r, "serverless:dev:exporter");
        assertEquals(List.of("s3:PutObject on arn:aws:s3:::billing-exports/*"),
                statements(exporter.get("identityPolicies").get(0)));
        assertEquals("in-aws", target(r, "serverless:dev:typo").get("identityPolicies").get(0).get("origin").asText());

        // iamRoleStatements written with no value: the plugin still makes the function a role of its own.
        assertEquals(List.of("logs:CreateLogStream,logs:CreateLogGroup,logs:PutLogEvents on "
                        + "arn:aws:logs:us-east-2:111122223333:log-group:/aws/lambda/billing-dev-quiet:*:*"),
                statements(target(r, "serverless:dev:quiet").get("identityPolicies").get(0)));

        // An image built from a folder of the project on a Python base image is a target: its code is that folder,
        // its handler the Dockerfile's CMD. An image from a registry only is a note.
        JsonNode predictor = target(r, "serverless:dev:predictor");
        assertEquals("app.handler", predictor.get("handler").asText());
        assertEquals(List.of("model"), strings(predictor.get("codeRoots")));

        assertEquals(List.of("IAM0143 warning serverless.yml:57", "IAM0142 note serverless.yml:61"), findings(r));
        assertTrue(message(r, "IAM0143").contains("role 'billing-typo-role' is not a role of resources.Resources"),
                message(r, "IAM0143"));
        assertTrue(message(r, "IAM0142").contains("'renderer' runs a container image"), message(r, "IAM0142"));
    }

    @Test
    void anExistingRoleCannotBeCheckedOfflineAndTheNoteNamesIt() throws Exception {
        JsonNode r = run(0, "check", iac("sls-roles").toString(), "--account-id", ACCOUNT, "--target",
                "serverless:dev:legacy", "--format", "json");
        assertEquals(List.of("IAM1003 serverless:dev:legacy - - serverless.yml:51"),
                checkFindings(r).stream().filter(f -> f.startsWith("IAM1003")).toList());
        assertTrue(message(r, "IAM1003").contains("arn:aws:iam::111122223333:role/legacy-billing"),
                message(r, "IAM1003"));
    }

    // ---- variables -----------------------------------------------------------------------------------------------

    @Test
    void variablesResolveOfflineAndUnknownsStayUnknown() throws Exception {
        JsonNode r = targets("sls-variables", "--stage", "prod");
        assertEquals(List.of("serverless:prod:sync", "serverless:prod:broken", "serverless:prod:ghost",
                "serverless:prod:reindex", "serverless:prod:tidy"), names(r));
        JsonNode sync = target(r, "serverless:prod:sync");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("TABLE", "inventory-prod-table");
        expected.put("SECRET", "{?}");
        expected.put("STACK_OUT", "{?}");
        expected.put("BLOB", "{?}");
        expected.put("ACCOUNT", "{?}");
        expected.put("REGION", "us-east-1");
        expected.put("WITH_DEFAULT", "fast");
        expected.put("ENV_NO_DEFAULT", "{?}");
        expected.put("ARN", "arn:aws:dynamodb:us-east-1:{?}:table/inventory-prod-table");
        expected.put("MISSING", "{?}");
        expected.put("FROM_JS", "{?}");
        expected.put("GIT", "{?}");
        expected.put("BROKEN", "${self:custom.name");
        // .env.yml does not exist (git-ignored): the fallback applies, silently, as in the framework
        expected.put("DOTENV", "none");
        // the deploying shell's environment is unknown: a fallback that resolves to a known value applies; one
        // that is itself unknown (an SSM parameter) leaves the value unknown
        expected.put("LEVEL", "debug");
        expected.put("SECRET_OR_STAGE", "{?}");
        // serverless-pseudo-parameters: #{AWS::AccountId} is CloudFormation's ${AWS::AccountId}
        expected.put("PSEUDO", "arn:aws:iam::{?}:role/x-us-east-1");
        assertEquals(expected, env(sync));
        assertEquals("arn:aws:iam::{?}:role/inventory-prod-us-east-1-lambdaRole", sync.get("principal").asText());
        // module: app puts the handler's code in app/
        assertEquals(List.of("app"), strings(sync.get("codeRoots")));
        assertEquals("functions.yml:1", sync.get("declaredIn").get("file").asText() + ":"
                + sync.get("declaredIn").get("line").asInt());
        assertEquals("reindex-table", env(target(r, "serverless:prod:reindex")).get("TABLE"));
        // more/serverless.yml is included by the service (its function tidy, handler in dotted form, is a
        // target), so it is not read as a service of its own; extra/waf.yml is a fragment no one includes.
        assertEquals(List.of(
                "IAM0132 note extra/waf.yml:0",
                "IAM0144 warning functions.yml:5",
                "IAM0144 warning functions.yml:7",
                "IAM0141 warning serverless.yml:26",
                "IAM0141 note serverless.yml:27",
                "IAM0141 note serverless.yml:28",
                "IAM0141 warning serverless.yml:29",
                "IAM0143 warning serverless.yml:40",
                "IAM0002 error serverless.yml:45"), findings(r));
        assertTrue(message(r, "IAM0143").contains("only the serverless-iam-roles-per-function plugin reads"),
                message(r, "IAM0143"));
    }

    @Test
    void stageDefaultsToTheFileAndThenToDev() throws Exception {
        JsonNode r = targets("sls-variables");
        assertEquals(List.of("serverless:dev:sync", "serverless:dev:broken", "serverless:dev:ghost",
                "serverless:dev:reindex", "serverless:dev:tidy"), names(r));
        assertEquals("inventory-dev-table", env(target(r, "serverless:dev:sync")).get("TABLE"));
        JsonNode clean = targets("sls-clean");
        assertEquals(List.of("serverless:prod:archive"), names(clean)); // provider.stage: prod
    }

    @Test
    void aHandlerModuleThatDoesNotExistIsReported() throws Exception {
        JsonNode r = run(1, "check", iac("sls-variables").toString(), "--format", "json", "--fail-on", "error");
        String ghost = r.get("findings").get(2).get("message").asText();
        assertEquals("handler 'inventory/ghost.handler' of function 'ghost' names module 'app/inventory/ghost.py', "
                + "which does not exist: Lambda would fail with Runtime.ImportModuleError", ghost);
    }

    @Test
    void handlersAreRelativeToTheFunctionsBasePathOfItsPlugin() throws Exception {
        JsonNode r = targets("sls-base-path");
        JsonNode t = target(r, "serverless:dev:shoot");
        assertEquals(List.of("src"), strings(t.get("codeRoots")));
        assertEquals("handler.shoot", t.get("handler").asText());
        assertEquals(List.of(), findings(r));
    }
}
