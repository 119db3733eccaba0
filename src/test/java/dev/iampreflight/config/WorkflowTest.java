package dev.iampreflight.config;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkflowTest {

    static Finding call(String file, int line, String action) {
        return new Finding("IAM1001", Severity.ERROR, "denied", new SourceLocation(file, line, 1))
                .withTarget("chalice:dev:api_handler").withRequest(action, "*");
    }

    @Test
    void configCommentsAndBaselineApplyInOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".iam-preflight.yml"),
                "ignore:\n  - rule: IAM1001\n    action: s3:*\n    reason: shared bucket\n");
        Files.writeString(dir.resolve("app.py"), "a()\nb()  # iam-preflight: ignore[IAM1001] via wrapper\nc()\nd()\n");
        Path baseline = dir.resolve("baseline.json");
        Workflow.Options write = new Workflow.Options(dir, Optional.empty(), Optional.empty(), Optional.of(baseline),
                LocalDate.of(2026, 11, 22));
        List<Finding> raw = List.of(call("app.py", 1, "s3:GetObject"), call("app.py", 2, "sqs:SendMessage"),
                call("app.py", 3, "sns:Publish"));
        Workflow.Outcome first = Workflow.finish(raw, Workflow.config(write), write);
        assertEquals(List.of(raw.get(2)), first.findings());
        assertEquals(2, first.suppressed().size());

        Workflow.Options read = new Workflow.Options(dir, Optional.empty(), Optional.of(baseline), Optional.empty(),
                LocalDate.of(2026, 11, 22));
        Finding fresh = call("app.py", 4, "kms:Decrypt");
        Workflow.Outcome second = Workflow.finish(List.of(raw.get(0), raw.get(1), raw.get(2), fresh),
                Workflow.config(read), read);
        assertEquals(List.of(fresh), second.findings());
        assertEquals(1, second.baselined());
    }

    @Test
    void duplicatesAndRepeatedCannotCheckNotesAreReportedOnce(@TempDir Path dir) throws Exception {
        Workflow.Options o = new Workflow.Options(dir, Optional.empty(), Optional.empty(), Optional.empty(),
                LocalDate.of(2026, 11, 22));
        Finding a = call("app.py", 1, "s3:GetObject");
        Finding note1 = new Finding("IAM1003", Severity.NOTE, "lives in AWS", SourceLocation.of("a")).withTarget("t");
        Finding note2 = new Finding("IAM1003", Severity.NOTE, "lives in AWS", SourceLocation.of("b")).withTarget("t");
        Finding note3 = note1.withTarget("u");
        assertEquals(List.of(a, note1, note3),
                Workflow.finish(List.of(a, a, note1, note2, note3), Workflow.config(o), o).findings());
    }
}
