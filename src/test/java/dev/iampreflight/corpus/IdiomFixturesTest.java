package dev.iampreflight.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.cli.CliRun;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the corpus of real apps taught us, kept as our own small projects (written by us, never copied from an app):
 * each folder under {@code src/test/resources/idioms/} is checked through the CLI exactly as a user would, and its
 * {@code expected.json} gives the exit code, the targets with how each was judged, and every finding as
 * {@code RULE target action file:line}; optionally {@code codeRoots}, the code each named target runs as
 * {@code targets --format json} lists it.
 *
 * <p>An idiom the tool still gets wrong is marked {@code "status": "known-gap"} with the issue that will fix it; its
 * test asserts that the result still differs, so whoever fixes it is told to flip the status and keep the
 * expectation as a regression test.
 */
class IdiomFixturesTest {

    private static final Path ROOT = Path.of("src/test/resources/idioms");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyIdiomGivesItsExpectedResult() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(ROOT)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).sorted().toList();
        }
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    @Test
    void everyIdiomFolderHasAnExpectationThatSaysWhatItTeaches() throws IOException {
        try (Stream<Path> s = Files.list(ROOT)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                Path e = d.resolve("expected.json");
                assertTrue(Files.isRegularFile(e), "missing " + e);
                JsonNode n = JSON.readTree(e.toFile());
                assertTrue(n.path("idiom").asText().length() > 20, "say what the idiom is: " + e);
                assertTrue(n.path("issue").asInt() > 0, "name the issue: " + e);
                assertTrue(n.has("exit") && n.has("targets") && n.has("findings"), "incomplete: " + e);
            }
        }
    }

    private static void check(Path dir) throws IOException {
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        List<String> args = new ArrayList<>(List.of("check", dir.toString(), "--format", "json"));
        expected.path("args").forEach(a -> args.add(a.asText()));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        String actual = outcome(r);
        List<String> targets = new ArrayList<>();
        expected.get("targets").forEach(n -> targets.add(n.asText()));
        targets.sort(null);
        String wanted = "exit " + expected.get("exit").asInt() + "\ntargets " + targets
                + "\nfindings " + lines(expected.get("findings"));
        if (expected.has("codeRoots")) {
            wanted += "\ncodeRoots " + JSON.writeValueAsString(expected.get("codeRoots"));
            actual += "\ncodeRoots " + codeRoots(dir, expected.get("codeRoots"), expected.path("args"));
        }
        if ("known-gap".equals(expected.path("status").asText())) {
            assertNotEquals(wanted, actual, dir + " is marked known-gap (issue #" + expected.get("issue").asInt()
                    + ") but now gives its expected result: set \"status\" to passing");
        } else {
            assertEquals(wanted, actual, dir + ": " + expected.get("idiom").asText() + "\n" + r.err());
        }
    }

    /** The code roots `targets --format json` gives the targets the expectation names, in its shape. */
    private static String codeRoots(Path dir, JsonNode wanted, JsonNode options) throws IOException {
        // The same options as the check: they may decide which targets exist (a --var giving for_each keys).
        List<String> args = new ArrayList<>(List.of("targets", dir.toString(), "--format", "json"));
        options.forEach(a -> args.add(a.asText()));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        JsonNode root = JSON.readTree(r.out());
        wanted.fieldNames().forEachRemaining(name -> {
            com.fasterxml.jackson.databind.node.ArrayNode roots = out.putArray(name);
            for (JsonNode t : root.path("targets")) {
                if (t.path("name").asText().equals(name)) {
                    t.path("codeRoots").forEach(roots::add);
                }
            }
        });
        return JSON.writeValueAsString(out);
    }

    private static String outcome(CliRun r) throws IOException {
        List<String> targets = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        if (r.code() <= 1) {
            JsonNode root = JSON.readTree(r.out());
            root.get("targets").forEach(t -> targets.add(t.get("name").asText() + " " + t.get("evaluation").asText()));
            targets.sort(null);
            for (JsonNode f : root.get("findings")) {
                findings.add(f.get("ruleId").asText() + " " + text(f, "target") + " " + text(f, "action") + " "
                        + f.get("location").get("file").asText() + ":" + f.get("location").get("line").asInt());
            }
        }
        return "exit " + r.code() + "\ntargets " + targets + "\nfindings " + findings;
    }

    private static String lines(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.toString();
    }

    private static String text(JsonNode f, String field) {
        JsonNode n = f.get(field);
        return n == null || n.isNull() ? "-" : n.asText();
    }
}
