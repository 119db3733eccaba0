package dev.iampreflight.discovery;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.PolicyOrigin;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourceKind;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.iampreflight.project.Fixtures.iac;
import static dev.iampreflight.project.Fixtures.names;
import static dev.iampreflight.project.Fixtures.target;
import static dev.iampreflight.project.Fixtures.withRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectDiscoveryTest {

    @Test
    void findsEveryKindAndSkipsToolDirectories() {
        Project p = ProjectDiscovery.discover(iac("mixed"), ProjectOptions.defaults());
        List<String> names = names(p.targets());
        assertTrue(names.contains("chalice:dev:api_handler"), names.toString());
        assertTrue(names.contains("cfn:Worker"), names.toString());
        assertTrue(names.contains("sam:APIHandler"), "chalice package output is read: " + names);
        assertTrue(names.contains("tf:aws_lambda_function.job"), names.toString());
        assertTrue(names.contains("tf:aws_lambda_function.app"), "the plan JSON is read: " + names);
        assertTrue(names.stream().noneMatch(n -> n.contains("Hidden")), "node_modules and build are skipped");
    }

    @Test
    void oneBrokenFileAmongGoodOnesIsALocatedFinding() {
        Project p = ProjectDiscovery.discover(iac("mixed"), ProjectOptions.defaults());
        List<Finding> unparsable = withRule(p.findings(), ReservedRules.UNPARSABLE);
        assertEquals(List.of("infra/broken.yaml:5", "tf/broken.tf:2"), unparsable.stream()
                .map(f -> f.location().file() + ":" + f.location().line()).sorted().toList(), p.findings().toString());
        assertEquals("arn:aws:iam::{?}:role/nightly-job", target(p.targets(), "tf:aws_lambda_function.job")
                .principal(), "the good .tf next to the broken one is still read");
        DeployTarget worker = target(p.targets(), "cfn:Worker");
        assertEquals("arn:aws:sns:{?}:{?}:alerts", worker.environment().get("TOPIC_ARN").value());
        assertEquals(1, p.resourcePolicies().ofKind(ResourceKind.SNS_TOPIC).size());
        // EC2 instances and launch templates run as their instance profile's role; no profile, no target.
        assertEquals(worker.principal(), target(p.targets(), "cfn:Web").principal());
        assertEquals(worker.identityPolicies(), target(p.targets(), "cfn:WebTemplate").identityPolicies());
        assertTrue(names(p.targets()).stream().noneMatch(n -> n.equals("cfn:Bare")));
        // ECS tasks run as their task role with each container's environment.
        DeployTarget task = target(p.targets(), "cfn:Task");
        assertEquals(worker.identityPolicies(), task.identityPolicies());
        assertEquals("arn:aws:sns:{?}:{?}:alerts", task.environment().get("TOPIC").value());
        DeployTarget tfTask = target(p.targets(), "tf:aws_ecs_task_definition.jobs");
        assertEquals("arn:aws:iam::{?}:role/nightly-job", tfTask.principal());
        assertEquals("jobs", tfTask.environment().get("QUEUE").value());
        assertEquals("nightly-job", tfTask.environment().get("ROLE").value());
    }

    @Test
    void chalicePackageOutputKeepsTheRolePolicy() {
        Project p = ProjectDiscovery.discover(iac("mixed"), ProjectOptions.defaults());
        DeployTarget api = target(p.targets(), "sam:APIHandler");
        assertEquals(PolicyOrigin.INLINE, api.identityPolicies().get(0).origin());
        assertEquals("packaged/sam.json", api.identityPolicies().get(0).source().file());
        assertEquals("app.app", api.handler().orElseThrow());
    }

    @Test
    void chalicePackageTerraformOutputIsRead() {
        Project p = ProjectDiscovery.discover(iac("mixed"), ProjectOptions.defaults().withAccount("123456789012",
                "us-east-1"));
        DeployTarget api = target(p.targets(), "tf:aws_lambda_function.api_handler");
        assertEquals("arn:aws:iam::123456789012:role/mini-dev", api.principal());
        assertEquals("us-east-1", api.environment().get("REGION").value());
        assertEquals("packaged-tf/chalice.tf.json", api.identityPolicies().get(0).source().file());
        assertEquals(List.of("s3:GetObject"), api.identityPolicies().get(0).document().orElseThrow().statements()
                .get(0).actions().strings());
    }

    @Test
    void parametersFileAndOverrides(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path dir = iac("sam-orders");
        ProjectOptions o = new ProjectOptions(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), "aws", Map.of("AuditBucketName", "override"),
                java.util.Optional.of(dir.resolve("params.json")), Map.of(), List.of());
        Project p = ProjectDiscovery.discover(dir, o);
        DeployTarget audit = target(p.targets(), "sam:AuditFunction");
        assertEquals("override", audit.environment().get("BUCKET").value(), "--parameter beats the file");
        assertEquals("orders-prod", target(p.targets(), "sam:OrdersFunction").environment().get("TABLE_NAME")
                .value());

        Path map = tmp.resolve("p.json");
        Files.writeString(map, "{\"Stage\": \"qa\", \"Bad\": [1]}");
        Project q = ProjectDiscovery.discover(dir, new ProjectOptions(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), "aws", Map.of(), java.util.Optional.of(map),
                Map.of(), List.of()));
        assertEquals("orders-qa", target(q.targets(), "sam:OrdersFunction").environment().get("TABLE_NAME").value());
        assertEquals(1, withRule(q.findings(), InfraRules.CFN_BAD_PARAMETER).size());
    }

    @Test
    void theWholeFixtureTreeReadsWithUniqueNames() {
        Project p = ProjectDiscovery.discover(iac(""), ProjectOptions.defaults());
        List<String> names = names(p.targets());
        assertEquals(names.size(), new java.util.HashSet<>(names).size(), names.toString());
        assertTrue(names.contains("chalice:dev:api_handler@mixed/api"), names.toString());
        assertTrue(names.contains("chalice:dev:api_handler@odd-shapes/chalice"), names.toString());
        assertTrue(names.contains("sam:OrdersFunction"), "a name used once stays short: " + names);
        assertTrue(names.contains("tf:aws_lambda_function.app@mixed/plans/plan.json"), names.toString());
        assertTrue(p.findings().stream().noneMatch(f -> f.message().contains("internal error")));
    }

    @Test
    void filesAreRepoRelative() {
        Project p = ProjectDiscovery.discover(iac("mixed"), ProjectOptions.defaults());
        DeployTarget api = target(p.targets(), "chalice:dev:api_handler");
        assertEquals("api/.chalice/config.json", api.declaredIn().file());
        assertEquals(List.of("api/app.py"), api.codeRoots());
    }
}
