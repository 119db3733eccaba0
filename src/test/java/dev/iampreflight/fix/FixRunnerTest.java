package dev.iampreflight.fix;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixRunnerTest {

    static Finding missing(String target, String action, Optional<String> policyFile, String relatedFile) {
        return new Finding("IAM1001", Severity.ERROR, "denied", new SourceLocation("app.py", 3, 1),
                List.of(new RelatedLocation(new SourceLocation(relatedFile, 1, 1), "policy")))
                .withTarget(target).withRequest(action, "arn:aws:sqs:us-east-1:123456789012:q")
                .withFix(Fixes.allow("allow " + action, List.of(action),
                        List.of("arn:aws:sqs:us-east-1:123456789012:q"), policyFile));
    }

    @Test
    void dryRunPrintsDiffsAndSnippetsAndChangesNothing(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve(".chalice/policy-dev.json");
        Files.createDirectories(policy.getParent());
        String original = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}\n";
        Files.writeString(policy, original);
        List<Finding> findings = List.of(
                missing("chalice:dev:api_handler", "sqs:SendMessage", Optional.of(".chalice/policy-dev.json"),
                        ".chalice/policy-dev.json"),
                missing("tf:aws_lambda_function.f", "sqs:SendMessage", Optional.empty(), "main.tf"),
                missing("sam:F", "sqs:DeleteMessage", Optional.empty(), "template.yaml"));
        FixRunner.Outcome dry = FixRunner.run(findings, dir, true);
        assertEquals(original, Files.readString(policy));
        assertTrue(dry.text().startsWith("--- a/.chalice/policy-dev.json\n+++ b/.chalice/policy-dev.json\n"),
                dry.text());
        assertTrue(dry.text().contains("tf:aws_lambda_function.f: allow sqs:SendMessage (add by hand):\n"
                + "    statement {\n"), dry.text());
        assertTrue(dry.text().contains("sam:F: allow sqs:DeleteMessage (add by hand):\n    - Effect: Allow\n"),
                dry.text());

        FixRunner.Outcome real = FixRunner.run(findings, dir, false);
        assertTrue(real.text().startsWith("fixed .chalice/policy-dev.json:\n  added statement 'IamPreflightAutofix1'"),
                real.text());
        assertTrue(Files.readString(policy).contains("\"sqs:SendMessage\""));
        assertEquals("", FixRunner.run(findings.subList(0, 1), dir, true).text(), "idempotent");
    }

    @Test
    void aBrokenPolicyFileIsAFindingAndIsLeftAlone(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), "{ nope");
        FixRunner.Outcome o = FixRunner.run(List.of(missing("chalice:dev:f", "sqs:SendMessage",
                Optional.of("policy.json"), "policy.json")), dir, false);
        assertEquals("{ nope", Files.readString(policy));
        assertEquals(1, o.findings().size());
        assertEquals("policy.json", o.findings().get(0).location().file());
    }
}
