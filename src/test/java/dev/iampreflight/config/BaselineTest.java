package dev.iampreflight.config;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineTest {

    static Finding call(String file, int line, String action) {
        return new Finding("IAM1001", Severity.ERROR, action + " denied at line " + line,
                new SourceLocation(file, line, 5)).withTarget("chalice:dev:api_handler")
                .withRequest(action, "arn:aws:dynamodb:us-east-1:123456789012:table/orders");
    }

    @Test
    void keepsOnlyNewFindingsAndSurvivesLineMoves(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("baseline.json");
        Baseline.write(file, List.of(call("app.py", 10, "dynamodb:PutItem")), dir);
        Baseline.Loaded loaded = Baseline.read(file, "baseline.json");
        assertEquals(List.of(), loaded.findings());

        Finding moved = call("app.py", 25, "dynamodb:PutItem");
        Finding absolute = call(dir.resolve("app.py").toString(), 30, "dynamodb:PutItem");
        Finding fresh = call("app.py", 11, "dynamodb:DeleteItem");
        assertEquals(List.of(fresh), loaded.baseline().filter(List.of(moved, fresh), dir));
        assertEquals(List.of(), loaded.baseline().filter(List.of(absolute), dir));
    }

    @Test
    void aSecondIdenticalFindingIsNew(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.json");
        Finding one = call("app.py", 10, "dynamodb:PutItem");
        Finding two = call("app.py", 40, "dynamodb:PutItem");
        Baseline.write(file, List.of(one), dir);
        assertEquals(List.of(two), Baseline.read(file, "b.json").baseline().filter(List.of(one, two), dir));
        Baseline.write(file, List.of(one, two), dir);
        assertEquals(List.of(), Baseline.read(file, "b.json").baseline().filter(List.of(one, two), dir));
        assertTrue(Files.readString(file).contains("\"count\": 2"));
    }

    @Test
    void theFileIsReadableAndStable(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Finding x = call("b.py", 1, "s3:GetObject");
        Finding y = call("a.py", 2, "s3:PutObject");
        Baseline.write(a, List.of(x, y), dir);
        Baseline.write(b, List.of(y, x), dir);
        assertEquals(Files.readString(a), Files.readString(b));
        String text = Files.readString(a);
        assertTrue(text.indexOf("\"file\": \"a.py\"") < text.indexOf("\"file\": \"b.py\""), text);
        assertTrue(text.contains("\"action\": \"s3:GetObject\""), text);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void aBrokenBaselineIsALocatedFinding(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("b.json"), "{\n  \"findings\": {}\n}\n");
        Baseline.Loaded loaded = Baseline.read(file, "b.json");
        assertEquals(1, loaded.findings().size());
        assertEquals("IAM0002", loaded.findings().get(0).ruleId());
        assertEquals(new SourceLocation("b.json", 1, 1), loaded.findings().get(0).location());
        Path bad = Files.writeString(dir.resolve("c.json"), "{\"findings\": [");
        assertEquals("IAM0001", Baseline.read(bad, "c.json").findings().get(0).ruleId());
    }
}
