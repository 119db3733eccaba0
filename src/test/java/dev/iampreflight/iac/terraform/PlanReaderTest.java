package dev.iampreflight.iac.terraform;

import dev.iampreflight.core.Finding;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static dev.iampreflight.project.Fixtures.iac;
import static dev.iampreflight.project.Fixtures.names;
import static dev.iampreflight.project.Fixtures.target;
import static dev.iampreflight.project.Fixtures.withRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanReaderTest {

    private static final Path DIR = iac("tf-plan");

    private static IacResult read(ProjectOptions o) {
        return TerraformReader.readPlan(DIR, DIR.resolve("plan.json"), o);
    }

    @Test
    void plannedValuesMakeTargets() {
        IacResult r = read(ProjectOptions.defaults().withAccount("123456789012", "us-east-1"));
        assertEquals(List.of("tf:aws_lambda_function.app"), names(r.targets()));
        DeployTarget t = target(r.targets(), "tf:aws_lambda_function.app");
        assertEquals("arn:aws:iam::123456789012:role/app-role", t.principal(),
                "the role is known after apply; the configuration's reference finds it and its name builds the ARN");
        assertEquals("app-data", t.environment().get("TABLE_NAME").value());
        assertEquals("{?}", t.environment().get("QUEUE_URL").value(), "after_unknown keeps the variable's name");
        assertEquals("app.handler", t.handler().orElseThrow());
        assertEquals("plan.json", t.declaredIn().file());
        assertTrue(t.declaredIn().line() > 1);
    }

    @Test
    void inlinePolicyStringsAreParsedAndAttachmentsFoundByRoleName() {
        DeployTarget t = target(read(ProjectOptions.defaults()).targets(), "tf:aws_lambda_function.app");
        List<String> names = t.identityPolicies().stream().map(AttachedPolicy::name).collect(Collectors.toList());
        assertEquals(List.of("aws_iam_role.app.inline_policy[0] (read-table)",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"), names);
        assertEquals(List.of("arn:aws:dynamodb:us-east-1:123456789012:table/app-data"), t.identityPolicies().get(0)
                .document().orElseThrow().statements().get(0).resources().orElseThrow().strings());
    }

    @Test
    void emptyPlanPlaceholdersAreNotPoliciesOrTargets() {
        IacResult r = read(ProjectOptions.defaults());
        assertEquals(List.of("tf:aws_lambda_function.app"), names(r.targets()), "an instance without a profile");
        assertTrue(r.findings().stream().noneMatch(f -> f.ruleId().startsWith("IAM000")), r.findings().toString());
    }

    @Test
    void childModuleResourcePolicy() {
        List<ResourcePolicy> q = read(ProjectOptions.defaults().withAccount("123456789012", "us-east-1"))
                .resourcePolicies();
        assertEquals(1, q.size());
        assertEquals(ResourceKind.SQS_QUEUE, q.get(0).kind());
        assertEquals("arn:aws:sqs:us-east-1:123456789012:app-jobs", q.get(0).resourceArn());
    }

    @Test
    void notAPlanIsALocatedWarning(@TempDir Path tmp) throws Exception {
        Path p = tmp.resolve("plan.json");
        Files.writeString(p, "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9\"}");
        List<Finding> f = TerraformReader.readPlan(tmp, p, ProjectOptions.defaults()).findings();
        assertEquals(1, withRule(f, InfraRules.PLAN_BAD_SHAPE).size());
        assertEquals("plan.json", f.get(0).location().file());
    }
}
