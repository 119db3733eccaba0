package dev.iampreflight.iac.chalice;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.PolicyOrigin;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.core.SymbolicValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iampreflight.project.Fixtures.iac;
import static dev.iampreflight.project.Fixtures.located;
import static dev.iampreflight.project.Fixtures.names;
import static dev.iampreflight.project.Fixtures.target;
import static dev.iampreflight.project.Fixtures.withRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaliceReaderTest {

    private static final Path TWO = iac("chalice-two-stages");
    private static final Path MISTAKES = iac("chalice-mistakes");

    private static IacResult read(Path dir, ProjectOptions options) {
        return ChaliceReader.read(dir, dir, options);
    }

    @Test
    void everyStageTimesEveryFunctionIsATarget() {
        IacResult r = read(TWO, ProjectOptions.defaults());
        assertEquals(List.of(
                "chalice:dev:api_handler", "chalice:dev:process_order", "chalice:dev:nightly_report",
                "chalice:dev:websocket_message", "chalice:dev:jobs_cleanup",
                "chalice:prod:api_handler", "chalice:prod:process_order", "chalice:prod:nightly_report",
                "chalice:prod:websocket_message", "chalice:prod:jobs_cleanup"), names(r.targets()));
    }

    @Test
    void stageOptionSelectsOneStage() {
        IacResult r = read(TWO, ProjectOptions.defaults().withStage("prod"));
        assertTrue(names(r.targets()).stream().allMatch(n -> n.startsWith("chalice:prod:")));
        assertEquals(5, r.targets().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // target,                          origin,            policy name,                        principal
            "chalice:dev:api_handler,           CHALICE_GENERATED, ,                                   arn:aws:iam::111122223333:role/shop-dev",
            "chalice:dev:process_order,         CHALICE_GENERATED, ,                                   arn:aws:iam::111122223333:role/shop-dev",
            "chalice:prod:api_handler,          INLINE,            .chalice/policy-prod.json,          arn:aws:iam::111122223333:role/shop-prod-api_handler",
            "chalice:prod:process_order,        INLINE,            .chalice/orders-policy.json,        arn:aws:iam::111122223333:role/shop-prod-process_order",
            "chalice:prod:nightly_report,       INLINE,            .chalice/policy-prod.json,          arn:aws:iam::111122223333:role/shop-prod-nightly_report",
    })
    void rolesFollowChalicePrecedence(String name, PolicyOrigin origin, String policyName, String principal) {
        IacResult r = read(TWO, ProjectOptions.defaults().withAccount("111122223333", "us-east-1"));
        DeployTarget t = target(r.targets(), name);
        assertEquals(principal, t.principal());
        assertEquals(1, t.identityPolicies().size());
        AttachedPolicy p = t.identityPolicies().get(0);
        assertEquals(origin, p.origin());
        if (origin == PolicyOrigin.INLINE) {
            assertEquals(policyName, p.name());
            assertTrue(p.document().isPresent(), "the policy file is parsed");
            assertEquals(policyName, p.source().file());
        } else {
            assertTrue(p.document().isEmpty(), "chalice generates this policy from the code");
        }
    }

    @Test
    void unknownAccountIsAnUnknownSegment() {
        DeployTarget t = target(read(TWO, ProjectOptions.defaults()).targets(), "chalice:dev:api_handler");
        assertEquals("arn:aws:iam::" + SymbolicValue.UNKNOWN + ":role/shop-dev", t.principal());
        assertTrue(t.account().isEmpty());
    }

    @Test
    void environmentIsMergedTopThenStageThenFunction() {
        IacResult r = read(TWO, ProjectOptions.defaults());
        assertEquals(Map.of("TABLE_NAME", "orders-dev", "LOG_LEVEL", "info"),
                values(target(r.targets(), "chalice:dev:process_order")));
        assertEquals(Map.of("TABLE_NAME", "orders-prod", "LOG_LEVEL", "info",
                        "QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/orders"),
                values(target(r.targets(), "chalice:prod:process_order")));
        // chalice's _chain_merge never reads the top-level lambda_functions level.
        assertFalse(values(target(r.targets(), "chalice:dev:nightly_report")).containsKey("IGNORED"));
        assertEquals(1, withRule(r.findings(), InfraRules.CHALICE_IGNORED_SETTING).size());
    }

    private static Map<String, String> values(DeployTarget t) {
        Map<String, String> m = new LinkedHashMap<>();
        t.environment().forEach((k, v) -> m.put(k, v.value()));
        return m;
    }

    @Test
    void handlersAndCodeRoots() {
        IacResult r = read(TWO, ProjectOptions.defaults());
        assertEquals("app.app", target(r.targets(), "chalice:dev:api_handler").handler().orElseThrow());
        assertEquals("app.handle_order", target(r.targets(), "chalice:dev:process_order").handler().orElseThrow());
        assertEquals("chalicelib.jobs.cleanup", target(r.targets(), "chalice:dev:jobs_cleanup").handler()
                .orElseThrow(), "a blueprint function's handler is in its own module");
        assertEquals(List.of("app.py", "chalicelib"), target(r.targets(), "chalice:dev:api_handler").codeRoots());
    }

    @Test
    void unknownFunctionNameIsAWarningWithASuggestion() {
        List<Finding> f = withRule(read(TWO, ProjectOptions.defaults()).findings(),
                InfraRules.CHALICE_UNKNOWN_FUNCTION);
        assertEquals(1, f.size());
        assertTrue(f.get(0).message().contains("did you mean 'nightly_report'"), f.get(0).message());
        assertEquals(".chalice/config.json", f.get(0).location().file());
        assertEquals(29, f.get(0).location().line());
    }

    @Test
    void configMistakesAreLocatedFindings() {
        IacResult r = read(MISTAKES, ProjectOptions.defaults());
        assertEquals(List.of(
                ".chalice/config.json:5 IAM0102",
                ".chalice/config.json:9 IAM0104",
                ".chalice/config.json:9 IAM0101",
                ".chalice/config.json:17 IAM0105"), located(r.findings()));
        Finding stringBool = withRule(r.findings(), InfraRules.CHALICE_STRING_BOOLEAN).get(0);
        assertEquals(Severity.ERROR, stringBool.severity());
        assertTrue(stringBool.message().contains("reads as true"), stringBool.message());
    }

    @Test
    void stringFalseIsTrueAsInChalice() {
        DeployTarget dev = target(read(MISTAKES, ProjectOptions.defaults()).targets(), "chalice:dev:worker");
        assertEquals(PolicyOrigin.CHALICE_GENERATED, dev.identityPolicies().get(0).origin());
    }

    @Test
    void existingRoleLivesInAws() {
        DeployTarget prod = target(read(MISTAKES, ProjectOptions.defaults()).targets(), "chalice:prod:worker");
        assertEquals("arn:aws:iam::123456789012:role/prod-role", prod.principal());
        AttachedPolicy p = prod.identityPolicies().get(0);
        assertEquals(PolicyOrigin.IN_AWS, p.origin());
        assertTrue(p.document().isEmpty());
        assertTrue(prod.hasUnknowablePolicies());
    }

    @Test
    void missingPolicyFileKeepsTheTargetWithoutDocument() {
        DeployTarget qa = target(read(MISTAKES, ProjectOptions.defaults()).targets(), "chalice:qa:worker");
        assertEquals(".chalice/missing.json", qa.identityPolicies().get(0).name());
        assertTrue(qa.identityPolicies().get(0).document().isEmpty());
    }
}
