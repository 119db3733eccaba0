package dev.iampreflight.iac.terraform;

import dev.iampreflight.core.Finding;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.PolicyOrigin;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.iampreflight.project.Fixtures.iac;
import static dev.iampreflight.project.Fixtures.names;
import static dev.iampreflight.project.Fixtures.target;
import static dev.iampreflight.project.Fixtures.withRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerraformReaderTest {

    private static final Path DIR = iac("tf-orders");
    private static final ProjectOptions KNOWN = ProjectOptions.defaults().withAccount("123456789012", "eu-west-1");

    private static IacResult read(ProjectOptions o) {
        return TerraformReader.readDirectories(DIR, List.of(DIR, DIR.resolve("modules/worker")), o);
    }

    @Test
    void lambdaInstanceAndModuleTargets() {
        IacResult r = read(KNOWN);
        assertEquals(List.of("tf:aws_lambda_function.orders", "tf:aws_instance.web", "tf:aws_launch_template.web",
                "tf:module.worker.aws_lambda_function.this"), names(r.targets()));
        DeployTarget t = target(r.targets(), "tf:aws_lambda_function.orders");
        assertEquals("arn:aws:iam::123456789012:role/orders-prod-lambda", t.principal(), "terraform.tfvars wins");
        assertEquals("handler.main", t.handler().orElseThrow());
        assertEquals(List.of("src/orders"), t.codeRoots(), "from the archive_file source_dir");
        assertEquals("main.tf", t.declaredIn().file());
        assertEquals(173, t.declaredIn().line());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "TABLE_NAME | orders-prod-table",
            "TABLE_ARN  | arn:aws:dynamodb:eu-west-1:123456789012:table/orders-prod-table",
            "BUCKET     | orders-prod-media",
            "QUEUE_URL  | https://sqs.eu-west-1.amazonaws.com/123456789012/orders-prod-in",
            "TOPIC_ARN  | arn:aws:sns:eu-west-1:123456789012:orders-prod-events",
            "KEY_ARN    | arn:aws:kms:eu-west-1:123456789012:key/{?}",
            "PARAM      | /orders/prod/config",
            "REGION     | eu-west-1",
            "RETENTION  | 14",
            "UPPER      | PROD",
            "JOINED     | orders-prod-in,orders-prod-out",
    })
    void environmentFromReferences(String name, String value) {
        DeployTarget t = target(read(KNOWN).targets(), "tf:aws_lambda_function.orders");
        assertEquals(value, t.environment().get(name).value());
    }

    @Test
    void varOptionBeatsTfvarsAndUnknownAccountStaysUnknown() {
        IacResult r = read(ProjectOptions.defaults().withVars(Map.of("env", "qa")));
        DeployTarget t = target(r.targets(), "tf:aws_lambda_function.orders");
        assertEquals("arn:aws:iam::{?}:role/orders-qa-lambda", t.principal());
        assertEquals("arn:aws:dynamodb:{?}:{?}:table/orders-qa-table", t.environment().get("TABLE_ARN").value());
    }

    @Test
    void rolePoliciesFromEveryKindOfAttachment() {
        DeployTarget t = target(read(KNOWN).targets(), "tf:aws_lambda_function.orders");
        List<String> names = t.identityPolicies().stream().map(AttachedPolicy::name).collect(Collectors.toList());
        assertEquals(List.of("aws_iam_role.orders.inline_policy[0] (queue)",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "aws_iam_role_policy.orders (orders)",
                "aws_iam_policy.extra"), names);
        PolicyDocument heredoc = t.identityPolicies().get(0).document().orElseThrow();
        Statement s = heredoc.statements().get(0);
        assertEquals(List.of("arn:aws:sqs:eu-west-1:123456789012:orders-prod-in"), s.resources().orElseThrow()
                .strings());
        assertEquals(96, s.location().line(), "heredoc JSON keeps the .tf line");
        AttachedPolicy extra = t.identityPolicies().get(3);
        assertEquals(PolicyOrigin.CUSTOMER_MANAGED, extra.origin());
        assertEquals("policies/extra.json", extra.document().orElseThrow().statements().get(0).location().file());
        assertEquals("arn:aws:iam::123456789012:policy/boundary",
                t.permissionBoundary().orElseThrow().reference().orElseThrow());
    }

    @Test
    void policyDocumentDataSource() {
        DeployTarget t = target(read(KNOWN).targets(), "tf:aws_lambda_function.orders");
        PolicyDocument doc = t.identityPolicies().get(2).document().orElseThrow();
        List<String> sids = doc.statements().stream().map(st -> st.sid().orElseThrow().value())
                .collect(Collectors.toList());
        assertEquals(List.of("Logs", "Table", "Media", "NoAdmin", "Param"), sids, "source documents come first");
        Statement table = doc.statements().get(1);
        assertEquals(List.of("arn:aws:dynamodb:eu-west-1:123456789012:table/orders-prod-table",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/orders-prod-table/index/*"),
                table.resources().orElseThrow().strings());
        assertEquals("main.tf", table.location().file());
        assertEquals(122, table.location().line());
        Statement media = doc.statements().get(2);
        assertEquals("s3:ExistingObjectTag/public", media.condition().conditions().get(0).key().value());
        assertTrue(doc.statements().get(3).actions().negated(), "not_actions is NotAction");
        assertEquals(List.of("arn:aws:ssm:eu-west-1:123456789012:parameter/orders/prod/config"),
                doc.statements().get(4).resources().orElseThrow().strings());
    }

    @Test
    void instanceProfileGivesTheInstanceItsRole() {
        DeployTarget web = target(read(KNOWN).targets(), "tf:aws_instance.web");
        assertEquals("arn:aws:iam::123456789012:role/orders-prod-web", web.principal());
        assertEquals(List.of("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                "arn:aws:iam::123456789012:policy/orders-prod-web-tpl", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"),
                web.identityPolicies().stream()
                .map(p -> p.reference().orElse("")).collect(Collectors.toList()));
        Statement fromTemplate = web.identityPolicies().get(1).document().orElseThrow().statements().get(0);
        assertEquals(List.of("arn:aws:s3:::orders-prod-media/*"), fromTemplate.resources().orElseThrow().strings(),
                "templatefile() renders its variables");
        assertEquals("policies/bucket-read.json.tftpl", fromTemplate.location().file());
        assertEquals(PolicyOrigin.AWS_MANAGED, web.identityPolicies().get(2).origin(),
                "data.aws_iam_policy by name resolves to the AWS managed policy");
        DeployTarget lt = target(read(KNOWN).targets(), "tf:aws_launch_template.web");
        assertEquals(web.principal(), lt.principal(), "a launch template's instance profile, by ARN");
    }

    @Test
    void localModuleGetsItsInputs() {
        IacResult r = read(KNOWN);
        DeployTarget w = target(r.targets(), "tf:module.worker.aws_lambda_function.this");
        assertEquals("arn:aws:iam::123456789012:role/orders-prod-worker", w.principal());
        assertEquals("orders-prod-table", w.environment().get("TABLE").value());
        Statement s = w.identityPolicies().get(0).document().orElseThrow().statements().get(0);
        assertEquals(List.of("arn:aws:sqs:eu-west-1:123456789012:orders-prod-in"), s.resources().orElseThrow()
                .strings());
        assertEquals("modules/worker/main.tf", s.location().file());
        assertEquals(1, withRule(r.findings(), InfraRules.TF_REPEATED_RESOURCE).size(), "count is one of these");
        assertEquals(1, withRule(r.findings(), InfraRules.TF_REMOTE_MODULE).size());
    }

    @Test
    void dynamicStatementBlocks() {
        DeployTarget w = target(read(KNOWN).targets(), "tf:module.worker.aws_lambda_function.this");
        PolicyDocument doc = w.identityPolicies().get(1).document().orElseThrow();
        assertEquals(List.of("ReadLogs", "ReadData", "List"), doc.statements().stream()
                .map(st -> st.sid().orElseThrow().value()).collect(Collectors.toList()));
        assertEquals(List.of("arn:aws:s3:::orders-data/*"), doc.statements().get(1).resources().orElseThrow()
                .strings());
        assertEquals(List.of("arn:aws:s3:::orders-logs", "arn:aws:s3:::orders-data"), doc.statements().get(2)
                .resources().orElseThrow().strings());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "KMS_KEY         | arn:aws:kms:eu-west-1:123456789012:key/{?}",
            "S3_BUCKET       | arn:aws:s3:::orders-prod-media",
            "LAMBDA_FUNCTION | arn:aws:lambda:eu-west-1:123456789012:function:orders-prod-api",
            "SQS_QUEUE       | arn:aws:sqs:eu-west-1:123456789012:orders-prod-in",
            "SNS_TOPIC       | arn:aws:sns:eu-west-1:123456789012:orders-prod-events",
            "SECRETS_MANAGER_SECRET | arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/prod/api-key-{?}",
    })
    void resourcePolicies(ResourceKind kind, String arn) {
        List<ResourcePolicy> ps = read(KNOWN).resourcePolicies().stream().filter(p -> p.kind() == kind)
                .collect(Collectors.toList());
        assertEquals(1, ps.size());
        assertEquals(arn, ps.get(0).resourceArn());
    }

    @Test
    void queuePolicyFromAPolicyDocumentWithPrincipalsAndCondition() {
        ResourcePolicy q = read(KNOWN).resourcePolicies().stream().filter(p -> p.kind() == ResourceKind.SQS_QUEUE)
                .findFirst().orElseThrow();
        Statement s = q.document().statements().get(0);
        assertEquals("sns.amazonaws.com", s.principal().orElseThrow().values("Service").get(0).value());
        assertEquals("ArnEquals", s.condition().conditions().get(0).operator().value());
        assertEquals(List.of("arn:aws:sns:eu-west-1:123456789012:orders-prod-events"),
                s.condition().conditions().get(0).valueStrings());
    }

    @Test
    void kmsKeyPolicyPrincipalIsTheRoleArn() {
        ResourcePolicy k = read(KNOWN).resourcePolicies().stream().filter(p -> p.kind() == ResourceKind.KMS_KEY)
                .findFirst().orElseThrow();
        assertEquals("arn:aws:iam::123456789012:role/orders-prod-lambda",
                k.document().statements().get(1).principal().orElseThrow().values("AWS").get(0).value());
        assertEquals(52, k.document().statements().get(1).location().line());
    }

    @Test
    void noSpuriousFindings() {
        List<Finding> f = read(KNOWN).findings().stream()
                .filter(x -> !x.ruleId().equals(InfraRules.TF_REPEATED_RESOURCE)
                        && !x.ruleId().equals(InfraRules.TF_REMOTE_MODULE)
                        && !x.ruleId().equals(InfraRules.KNOWLEDGE_BASE_UNAVAILABLE)
                        && !x.ruleId().equals(InfraRules.MANAGED_POLICY_IN_AWS))
                .collect(Collectors.toList());
        assertEquals(List.of(), f);
    }
}
