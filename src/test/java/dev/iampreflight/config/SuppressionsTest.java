package dev.iampreflight.config;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuppressionsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final Path ROOT = Path.of("/proj");

    static Finding missing(String file, int line) {
        return new Finding("IAM1001", Severity.ERROR, "denied", new SourceLocation(file, line, 5))
                .withTarget("sam:Orders").withRequest("sqs:SendMessage", "arn:aws:sqs:us-east-1:1:q");
    }

    static Suppressions.Result apply(String configYaml, List<Finding> findings, Map<String, String> files) {
        ConfigLoader.Loaded c = ConfigLoader.parse(configYaml, ".iam-preflight.yml");
        assertEquals(List.of(), c.findings());
        return Suppressions.apply(findings, c.config(), ROOT, name -> Optional.ofNullable(files.get(name)), TODAY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rule only                | rule: IAM1001                                       | true",
            "any rule                 | rule: '*'                                          | true",
            "other rule               | rule: IAM1002                                       | false",
            "path glob matches        | rule: IAM1001, path: 'src/**'                       | true",
            "path glob, absolute file | rule: IAM1001, path: 'src/*/handler.py'             | true",
            "path glob misses         | rule: IAM1001, path: 'lib/**'                       | false",
            "target glob              | rule: IAM1001, target: 'sam:*'                      | true",
            "other target             | rule: IAM1001, target: 'tf:*'                       | false",
            "action any case          | rule: IAM1001, action: 'SQS:send*'                  | true",
            "other action             | rule: IAM1001, action: 'sqs:ReceiveMessage'         | false",
            "expires today            | rule: IAM1001, expires: 2026-11-22                  | true",
            "expired yesterday        | rule: IAM1001, expires: 2026-11-21                  | false",
    })
    void ignoreEntriesMatchByRulePathTargetAndAction(String name, String entry, boolean suppressed) {
        Suppressions.Result r = apply("ignore:\n  - {" + entry + ", reason: safe}\n",
                List.of(missing("/proj/src/orders/handler.py", 3)), Map.of());
        assertEquals(suppressed, r.suppressed().size() == 1, r.toString());
        if (suppressed) {
            assertEquals("safe", r.suppressed().get(0).reason());
        }
    }

    @Test
    void anExpiredEntryIsReportedAtItsLocationAndSuppressesNothing() {
        Suppressions.Result r = apply("ignore:\n  - rule: IAM1001\n    reason: later\n    expires: 2026-01-31\n",
                List.of(missing("app.py", 3)), Map.of());
        assertEquals(2, r.findings().size());
        Finding expired = r.findings().get(1);
        assertEquals("IAM1005", expired.ruleId());
        assertEquals(Severity.WARNING, expired.severity());
        assertEquals(new SourceLocation(".iam-preflight.yml", 2, 5), expired.location());
        assertTrue(expired.message().contains("expired on 2026-01-31"), expired.message());
    }

    @Test
    void rulesSwitchedOffAreDroppedAndSeveritiesOverridden() {
        Finding note = new Finding("IAM1003", Severity.NOTE, "cannot check", SourceLocation.of("x"));
        Finding autogen = new Finding("IAM1004", Severity.WARNING, "autogen", SourceLocation.of("x"));
        Suppressions.Result r = apply("rules:\n  IAM1003: error\n  IAM1004: off\n", List.of(note, autogen), Map.of());
        assertEquals(List.of(note.withSeverity(Severity.ERROR)), r.findings());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "same line        | 'x = 1\nclient.send_message()  # iam-preflight: ignore[IAM1001] checked at startup\n' | 2 | true",
            "line above       | '# iam-preflight: ignore[IAM1002, IAM1001] checked at startup\nclient.send_message()\n' | 2 | true",
            "two lines above  | '# iam-preflight: ignore[IAM1001] checked\n\nclient.send_message()\n'                | 3 | false",
            "other rule       | 'client.send_message()  # iam-preflight: ignore[IAM1002] checked\n'                  | 1 | false",
            "line below       | 'client.send_message()\n# iam-preflight: ignore[IAM1001] checked\n'                  | 1 | false",
    })
    void inlineCommentsSuppressAtTheirLineOrTheLineBelow(String name, String code, int line, boolean suppressed) {
        String text = code.replace("\\n", "\n");
        Suppressions.Result r = apply("{}", List.of(missing("app.py", line)), Map.of("app.py", text));
        assertEquals(suppressed, r.suppressed().size() == 1, r.toString());
    }

    @Test
    void aCommentAtARelatedLocationSuppressesToo() {
        Finding f = new Finding("IAM1001", Severity.ERROR, "denied", new SourceLocation("app.py", 1, 1),
                List.of(new RelatedLocation(new SourceLocation("template.yaml", 3, 9), "the policy")));
        String template = "Policies:\n  # iam-preflight: ignore[IAM1001] granted by the bucket policy\n"
                + "  - Statement: []\n";
        Suppressions.Result r = apply("{}", List.of(f), Map.of("template.yaml", template, "app.py", "x()\n"));
        assertEquals(List.of(), r.findings());
        assertEquals(new SourceLocation("template.yaml", 2, 3), r.suppressed().get(0).by());
    }

    @Test
    void aCommentWithoutAReasonSuppressesNothingAndIsReported() {
        Suppressions.Result r = apply("{}", List.of(missing("main.tf", 2)),
                Map.of("main.tf", "// iam-preflight: ignore[IAM1001]\nresource \"x\" \"y\" {}\n"));
        assertEquals(2, r.findings().size());
        assertEquals("IAM0002", r.findings().get(1).ruleId());
        assertEquals(new SourceLocation("main.tf", 1, 1), r.findings().get(1).location());
    }

    @Test
    void jsonFilesHaveNoInlineComments() {
        Suppressions.Result r = apply("{}", List.of(missing("policy.json", 1)),
                Map.of("policy.json", "# iam-preflight: ignore[IAM1001] nope\n"));
        assertEquals(1, r.findings().size());
    }

    @Test
    void parsesCommentsPurely() {
        assertEquals(List.of(new InlineSuppressions.Comment(List.of("IAM1001", "IAM1004"), "wrapped by lib",
                        new SourceLocation("a.py", 2, 8))),
                InlineSuppressions.parse("a.py", "x = 1\nfoo()  # iam-preflight: ignore[iam1001,IAM1004] wrapped by lib  \n"));
    }
}
