package dev.iampreflight.report;

import dev.iampreflight.config.Workflow;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.fix.FixRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output half of {@code check} end to end, as the CLI composes it: findings from the pipeline, then config and
 * inline suppressions, baseline, report, fix and exit code, on a small Chalice project in a temporary directory.
 */
class CheckOutputTest {

    static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";

    @Test
    void aChaliceProjectFromFindingsToExitCode(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve(".chalice"));
        Files.writeString(project.resolve(".chalice/policy-dev.json"), """
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": [
                                "dynamodb:GetItem"
                            ],
                            "Resource": "%s"
                        }
                    ]
                }
                """.formatted(TABLE));
        Files.writeString(project.resolve("app.py"), """
                table.get_item(Key=k)
                table.put_item(Item=i)
                # iam-preflight: ignore[IAM1002] the queue name is checked at startup
                sqs.send_message(QueueUrl=url, MessageBody=b)
                """);
        Files.writeString(project.resolve(".iam-preflight.yml"), "rules:\n  IAM1003: off\n");

        RelatedLocation policy = new RelatedLocation(new SourceLocation(".chalice/policy-dev.json", 1, 1),
                "the policy of chalice:dev:api_handler");
        List<Finding> fromPipeline = List.of(
                CheckFindings.missingPermission("chalice:dev:api_handler", "dynamodb:PutItem", TABLE,
                        new CheckFindings.NoStatement(), new SourceLocation("app.py", 2, 1), List.of(policy),
                        Optional.of(".chalice/policy-dev.json")),
                CheckFindings.partialPermission("chalice:dev:api_handler", "sqs:SendMessage",
                        "arn:aws:sqs:us-east-1:123456789012:*", List.of(), new SourceLocation("app.py", 4, 1),
                        List.of()),
                CheckFindings.cannotCheck("chalice:prod:api_handler", "iam_role_arn is set", 3,
                        new SourceLocation(".chalice/config.json", 5, 3)));

        Workflow.Options options = new Workflow.Options(project, Optional.empty(), Optional.empty(), Optional.empty(),
                LocalDate.of(2026, 11, 22));
        Workflow.Outcome outcome = Workflow.finish(fromPipeline, Workflow.config(options), options);
        assertEquals(List.of(fromPipeline.get(0)), outcome.findings());
        assertEquals(1, outcome.suppressed().size());

        Report report = new Report(outcome.findings(), List.of(new TargetSummary("chalice:dev:api_handler", 3)),
                project);
        String text = Reporters.byName("text").orElseThrow().render(report, ReportOptions.plain("0.1.0"));
        assertTrue(text.startsWith("chalice:dev:api_handler\n  app.py:2:1: error IAM1001: dynamodb:PutItem"), text);
        assertTrue(text.endsWith("\n1 error, 0 warnings, 0 notes in 1 target (3 calls checked)\n"), text);
        assertEquals(List.of(), SarifSchemaTest.validate(
                Reporters.byName("sarif").orElseThrow().render(report, ReportOptions.plain("0.1.0"))));
        assertEquals(1, Gate.exitCode(report.findings(), FailOn.error));

        FixRunner.Outcome dry = FixRunner.run(report.findings(), project, true);
        assertTrue(dry.text().contains("+                \"dynamodb:PutItem\""), dry.text());
        FixRunner.run(report.findings(), project, false);
        assertTrue(Files.readString(project.resolve(".chalice/policy-dev.json"))
                .contains("\"dynamodb:GetItem\",\n                \"dynamodb:PutItem\"\n"));
        assertEquals("", FixRunner.run(report.findings(), project, true).text(), "the fix is complete");
    }

    @Test
    void warningsPassTheDefaultGateButNotFailOnWarning() {
        Finding w = CheckFindings.chaliceAutogenMiss("chalice:dev:api_handler", "ssm:GetParameter",
                "the client is created in another module", new SourceLocation("app.py", 1, 1));
        assertEquals(0, Gate.exitCode(List.of(w), FailOn.error));
        assertEquals(1, Gate.exitCode(List.of(w), FailOn.warning));
        assertTrue(new MarkdownReporter().render(new Report(List.of(w), List.of(), Path.of(".")),
                new ReportOptions(false, "0", Map.of())).contains(":warning: **0 errors, 1 warning"));
    }
}
