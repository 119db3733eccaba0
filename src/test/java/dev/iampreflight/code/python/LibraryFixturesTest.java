package dev.iampreflight.code.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.cli.CliRun;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each folder under {@code src/test/resources/libraries/} is a small project of ours that reaches AWS through a
 * modelled library (docs/libraries.md). {@code scan --format json} must give exactly the lines of its
 * {@code expected.txt}: one per requirement, {@code file:line action resource CONFIDENCE via ...}, sorted, plus one
 * {@code note RULE file:line} per finding of the scan. Calls that are not AWS (a same-named method of another class)
 * must not appear.
 */
class LibraryFixturesTest {

    private static final Path ROOT = Path.of("src/test/resources/libraries");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyLibraryFixtureGivesExactlyItsExpectedRequirements() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(ROOT)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("expected.txt"))).sorted().toList();
        }
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private static void check(Path dir) throws IOException {
        CliRun r = CliRun.run("scan", dir.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        String expected = Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8).strip();
        assertEquals(expected, actual(JSON.readTree(r.out())), dir.toString());
    }

    static String actual(JsonNode scan) {
        List<String> lines = new ArrayList<>();
        for (JsonNode c : scan.path("calls")) {
            String at = c.path("location").path("file").asText() + ":" + c.path("location").path("line").asInt();
            for (JsonNode req : c.path("requirements")) {
                lines.add(at + " " + req.path("action").asText() + " " + req.path("resource").asText() + " "
                        + c.path("confidence").asText() + " via " + c.path("via").asText()
                        + (req.has("onlyIf") ? " [only if " + req.path("onlyIf").asText() + "]" : "")
                        + (c.has("credentials") ? " [as " + c.path("credentials").asText() + "]" : ""));
            }
        }
        for (JsonNode f : scan.path("findings")) {
            lines.add("note " + f.path("ruleId").asText() + " " + f.path("location").path("file").asText() + ":"
                    + f.path("location").path("line").asInt());
        }
        lines.sort(null);
        return String.join("\n", lines);
    }
}
