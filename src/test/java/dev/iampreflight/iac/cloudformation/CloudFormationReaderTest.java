package dev.iampreflight.iac.cloudformation;

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
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.project.internal.Knowledge;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CloudFormationReaderTest {

    private static final Path DIR = iac("sam-orders");
    private static final Map<String, String> PROD = Map.of("Stage", "prod", "AuditBucketName", "acme-audit");
    private static final ProjectOptions KNOWN = ProjectOptions.defaults().withAccount("123456789012", "us-east-1");

    private static IacResult read(ProjectOptions options, Map<String, String> params) {
        return CloudFormationReader.read(DIR, DIR.resolve("template.yaml"), options, params);
    }

    @Test
    void functionsAreTargets() {
        IacResult r = read(KNOWN, PROD);
        assertEquals(List.of("sam:OrdersFunction", "sam:AuditFunction"), names(r.targets()));
        DeployTarget orders = target(r.targets(), "sam:OrdersFunction");
        assertEquals(TargetKind.SAM, orders.kind());
        assertEquals("orders.handler", orders.handler().orElseThrow());
        assertEquals(List.of("src/orders"), orders.codeRoots());
        assertEquals("template.yaml", orders.declaredIn().file());
        assertEquals(78, orders.declaredIn().line());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "TABLE_NAME   | orders-prod",
            "TABLE_ARN    | arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod",
            "QUEUE_URL    | https://sqs.us-east-1.amazonaws.com/123456789012/orders-prod",
            "KEY_ARN      | arn:aws:kms:us-east-1:123456789012:key/{?}",
            "FIRST_SUBNET | subnet-a",
            "SHARED       | {?}",
            "MODE         | strict",
            "STAGE        | prod",
            "LOG_LEVEL    | warn",
    })
    void intrinsicsResolveWithParameterOverrides(String name, String value) {
        DeployTarget t = target(read(KNOWN, PROD).targets(), "sam:OrdersFunction");
        assertEquals(value, t.environment().get(name).value());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "TABLE_NAME   | orders-dev",
            "TABLE_ARN    | arn:aws:dynamodb:{?}:{?}:table/orders-dev",
            "QUEUE_URL    | https://sqs.{?}.amazonaws.com/{?}/orders-dev",
            "MODE         | relaxed",
            "LOG_LEVEL    | debug",
    })
    void defaultsAndUnknownAccountAndRegion(String name, String value) {
        DeployTarget t = target(read(ProjectOptions.defaults(), Map.of()).targets(), "sam:OrdersFunction");
        assertEquals(value, t.environment().get(name).value());
    }

    @Test
    void samPoliciesKeepTheirOrigins() {
        DeployTarget t = target(read(KNOWN, PROD).targets(), "sam:OrdersFunction");
        assertEquals("arn:aws:iam::123456789012:role/{?}", t.principal());
        List<String> refs = t.identityPolicies().stream().map(p -> p.reference().orElse(p.origin().label()))
                .collect(Collectors.toList());
        assertEquals(List.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "DynamoDBCrudPolicy", "SQSSendMessagePolicy", "AmazonS3ReadOnlyAccess", "inline"), refs);
        AttachedPolicy inline = t.identityPolicies().get(4);
        assertEquals(PolicyOrigin.INLINE, inline.origin());
        assertEquals(List.of("arn:aws:kms:us-east-1:123456789012:key/{?}"),
                inline.document().orElseThrow().statements().get(0).resources().orElseThrow().strings());
        assertEquals(98, inline.source().line());
    }

    @Test
    void samPolicyTemplateExpandsThroughTheKnowledgeBase() {
        assumeTrue(Knowledge.base().isPresent(), "needs the knowledge base from the iamdata branch");
        DeployTarget t = target(read(KNOWN, PROD).targets(), "sam:OrdersFunction");
        AttachedPolicy crud = t.identityPolicies().get(1);
        assertEquals(PolicyOrigin.SAM_TEMPLATE, crud.origin());
        Statement s = crud.document().orElseThrow().statements().get(0);
        assertTrue(s.actions().strings().contains("dynamodb:PutItem"));
        assertEquals(List.of("arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod",
                "arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod/index/*"), s.resources().orElseThrow()
                .strings());
        assertEquals("template.yaml", crud.source().file());
        AttachedPolicy managed = t.identityPolicies().get(3);
        assertEquals(PolicyOrigin.AWS_MANAGED, managed.origin());
        assertTrue(managed.document().isPresent());
    }

    @Test
    void roleWithInlineManagedAttachedAndBoundary() {
        DeployTarget t = target(read(KNOWN, PROD).targets(), "sam:AuditFunction");
        assertEquals("arn:aws:iam::123456789012:role/audit-prod", t.principal());
        List<PolicyOrigin> origins = t.identityPolicies().stream().map(AttachedPolicy::origin)
                .collect(Collectors.toList());
        assertEquals(PolicyOrigin.INLINE, origins.get(0));
        assertEquals(PolicyOrigin.CUSTOMER_MANAGED, origins.get(2));
        assertEquals(PolicyOrigin.IN_AWS, origins.get(3));
        assertEquals(PolicyOrigin.INLINE, origins.get(4));
        assertEquals(5, origins.size());

        PolicyDocument inline = t.identityPolicies().get(0).document().orElseThrow();
        assertEquals(2, inline.statements().size(), "Fn::If on IsProd keeps the Deny statement in prod");
        assertEquals(List.of("arn:aws:secretsmanager:us-east-1:123456789012:secret:audit/api-key-{?}"),
                inline.statements().get(0).resources().orElseThrow().strings());
        assertEquals(List.of("arn:aws:s3:::acme-audit/*"), t.identityPolicies().get(2).document().orElseThrow()
                .statements().get(0).resources().orElseThrow().strings());
        assertEquals(List.of("arn:aws:ssm:us-east-1:123456789012:parameter/orders/config"),
                t.identityPolicies().get(4).document().orElseThrow().statements().get(0).resources().orElseThrow()
                        .strings());
        assertEquals("arn:aws:iam::123456789012:policy/boundary",
                t.permissionBoundary().orElseThrow().reference().orElseThrow());
        assertEquals(List.of("src/audit"), t.codeRoots());
        assertEquals("acme-audit", t.environment().get("BUCKET").value());
        assertEquals("/orders/config", t.environment().get("CONFIG").value());
        assertEquals("{?}", t.environment().get("AZ").value());
    }

    @Test
    void ifWithNoValueDropsTheStatementInDev() {
        DeployTarget t = target(read(KNOWN, Map.of("Stage", "dev")).targets(), "sam:AuditFunction");
        assertEquals(1, t.identityPolicies().get(0).document().orElseThrow().statements().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "KMS_KEY                | arn:aws:kms:us-east-1:123456789012:key/{?}",
            "SQS_QUEUE              | arn:aws:sqs:us-east-1:123456789012:orders-prod",
            "SECRETS_MANAGER_SECRET | arn:aws:secretsmanager:us-east-1:123456789012:secret:audit/api-key-{?}",
            "S3_BUCKET              | arn:aws:s3:::acme-audit",
            "LAMBDA_FUNCTION        | arn:aws:lambda:us-east-1:123456789012:function:{?}",
    })
    void resourcePolicies(ResourceKind kind, String arn) {
        List<ResourcePolicy> all = read(KNOWN, PROD).resourcePolicies().stream().filter(p -> p.kind() == kind)
                .collect(Collectors.toList());
        assertEquals(1, all.size(), kind + " in " + all);
        assertEquals(arn, all.get(0).resourceArn());
    }

    @Test
    void kmsKeyPolicyNamesTheRoleArn() {
        ResourcePolicy key = read(KNOWN, PROD).resourcePolicies().stream()
                .filter(p -> p.kind() == ResourceKind.KMS_KEY).findFirst().orElseThrow();
        Statement s = key.document().statements().get(1);
        assertEquals("arn:aws:iam::123456789012:role/audit-prod", s.principal().orElseThrow().values("AWS").get(0)
                .value());
        assertEquals(45, key.source().line());
    }

    @Test
    void lambdaPermissionBecomesAStatement() {
        ResourcePolicy p = read(KNOWN, PROD).resourcePolicies().stream()
                .filter(x -> x.kind() == ResourceKind.LAMBDA_FUNCTION).findFirst().orElseThrow();
        Statement s = p.document().statements().get(0);
        assertEquals(List.of("lambda:InvokeFunction"), s.actions().strings());
        assertEquals("s3.amazonaws.com", s.principal().orElseThrow().values("Service").get(0).value());
        assertEquals(2, s.condition().conditions().size());
    }

    @Test
    void unknownReferencesAreLocatedErrors() {
        List<Finding> f = withRule(read(KNOWN, PROD).findings(), InfraRules.CFN_UNKNOWN_REFERENCE);
        assertEquals(List.of(223, 224), f.stream().map(x -> x.location().line()).collect(Collectors.toList()));
        assertTrue(f.get(0).message().contains("MissingTopic"), f.get(0).message());
    }
}
