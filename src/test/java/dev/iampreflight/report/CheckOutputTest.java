package dev.iampreflight.report;

import dev.iampreflight.config.Workflow;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.fix.FixRunner;
import dev.iampreflight.fix.Fixes;
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
        // Findings as the preflight words them (the pipeline itself is tested end to end in ExamplesEndToEndTest).
        List<Finding> fromPipeline = List.of(
                new Finding(Rule.MISSING_PERMISSION.id(), Severity.ERROR, "dynamodb:PutItem on '" + TABLE
                        + "' is denied for chalice:dev:api_handler: no statement allows it",
                        new SourceLocation("app.py", 2, 1), List.of(policy))
                        .withTarget("chalice:dev:api_handler").withRequest("dynamodb:PutItem", TABLE)
                        .withFix(Fixes.allow("allow dynamodb:PutItem on " + TABLE, List.of("dynamodb:PutItem"),
                                List.of(TABLE), Optional.of(".chalice/policy-dev.json"))),
                new Finding(Rule.PARTIAL_PERMISSION.id(), Severity.WARNING, "sqs:SendMessage on "
                        + "'arn:aws:sqs:us-east-1:123456789012:*' is allowed for only some queues",
                        new SourceLocation("app.py", 4, 1))
                        .withTarget("chalice:dev:api_handler")
                        .withRequest("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:*"),
                new Finding(Rule.CANNOT_CHECK.id(), Severity.NOTE, "cannot check chalice:prod:api_handler offline: "
                        + "iam_role_arn is set", new SourceLocation(".chalice/config.json", 5, 3))
                        .withTarget("chalice:prod:api_handler"));

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
        Finding w = new Finding(Rule.CHALICE_AUTOGEN_MISS.id(), Severity.WARNING, "ssm.get_parameter will be denied "
                + "at run time: chalice's generator cannot see it", new SourceLocation("app.py", 1, 1))
                .withTarget("chalice:dev:api_handler");
        assertEquals(0, Gate.exitCode(List.of(w), FailOn.error));
        assertEquals(1, Gate.exitCode(List.of(w), FailOn.warning));
        assertTrue(new MarkdownReporter().render(new Report(List.of(w), List.of(), Path.of(".")),
                new ReportOptions(false, "0", Map.of())).contains(":warning: **0 errors, 1 warning"));
    }
}
