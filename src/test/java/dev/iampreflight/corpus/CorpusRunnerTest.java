package dev.iampreflight.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.testing.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * tools/corpus/run on a mirror of one local git repository (the chalice-orders example, committed in a temp folder):
 * it exports the pinned commit, runs check through a real launcher, and counts usable apps, false errors by their
 * triaged cause, missed errors, skipped apps and hangs exactly.
 */
class CorpusRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path mirror;
    static String commit;

    @BeforeAll
    static void mirrorOfTheExample() throws Exception {
        assumeTrue(works("python3", "--version") && works("git", "--version"), "needs python3 and git");
        mirror = tmp.resolve("mirror");
        Path repo = TestFiles.copyTree(Path.of("examples/chalice-orders"), mirror.resolve("acme+orders"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "app");
        commit = git(repo, "rev-parse", "HEAD").trim();
    }

    private static String manifest(String extraApp) {
        return """
                {"schema": 1, "apps": [
                 {"id": "acme/orders", "repo": "acme/orders", "commit": "%s", "dir": ".", "kind": "chalice",
                  "expected": {
                   "targets": ["chalice:dev:api_handler", "chalice:prod:api_handler"],
                   "calls": [{"target": "chalice:dev:api_handler", "action": "dynamodb:PutItem", "file": "chalicelib/db.py", "line": 11}],
                   "notCharged": [{"target": "chalice:prod:api_handler", "file": "chalicelib/db.py", "why": "deliberately wrong, to be counted"}],
                   "errors": [
                    {"target": "chalice:dev:api_handler", "action": "dynamodb:UpdateItem", "file": "chalicelib/db.py", "line": 17},
                    {"target": "chalice:dev:api_handler", "action": "dynamodb:DeleteItem", "file": "chalicelib/db.py", "line": 25},
                    {"target": "chalice:dev:api_handler", "action": "dynamodb:Query", "file": "chalicelib/db.py", "line": 0},
                    {"target": "chalice:dev:api_handler", "action": "s3:GetObject", "file": "app.py", "line": 3}]},
                  "knownFalseErrors": [
                    {"target": "chalice:dev:api_handler", "action": "ses:SendEmail", "file": "chalicelib/mail.py", "line": 18, "cause": "test-cause"}]}
                 %s
                ]}
                """.formatted(commit, extraApp);
    }

    @Test
    void countsUsableFalseAndMissedErrorsAgainstTheTriage() throws Exception {
        String absent = ", {\"id\": \"nobody/absent\", \"repo\": \"nobody/absent\", \"commit\": \"" + "0".repeat(40)
                + "\", \"kind\": \"sam\", \"expected\": {\"targets\": [], \"errors\": []}}";
        JsonNode out = run(manifest(absent), launcher(), "--calls");
        JsonNode t = out.get("totals");
        assertEquals(2, t.get("apps").asInt());
        assertEquals(1, t.get("skipped").asInt(), "no snapshot of nobody/absent: skipped, not a failure");
        assertEquals(1, t.get("usable").asInt(), t.toString());
        assertEquals(1, t.get("false_errors").asInt(), "ses:SendEmail is not expected: " + t);
        assertEquals(1, t.get("false_error_causes").get("test-cause").asInt(), t.toString());
        assertEquals(4, t.get("expected_errors").asInt());
        assertEquals(1, t.get("missed_errors").asInt(), "the invented s3:GetObject is missed: " + t);
        assertEquals(0, t.get("hangs").asInt());
        assertEquals(1, t.get("spot_calls_found").asInt(), t.toString());
        assertEquals(1, t.get("charged_wrongly").asInt(), t.toString());
        JsonNode app = out.get("apps").get(0);
        assertEquals(1, app.get("exit").asInt());
        assertEquals(2, app.get("targets").asInt());
        assertTrue(app.get("peak_mb").asInt() > 0, app.toString());
        assertEquals("s3:GetObject", app.get("missed_errors").get(0).get("action").asText());
    }

    @Test
    void aRunPastTheTimeoutIsAHangAndNotUsable() throws Exception {
        JsonNode out = run(manifest(""), "python3 -c 'import time; time.sleep(30)'", "--timeout", "1");
        JsonNode t = out.get("totals");
        assertEquals(1, t.get("hangs").asInt(), t.toString());
        assertEquals(0, t.get("usable").asInt(), t.toString());
        assertEquals(4, t.get("missed_errors").asInt(), "a hang reports nothing: " + t);
    }

    @Test
    void nothingToCheckIsUsableOnlyForANegativeCaseThatSaysSo() throws Exception {
        String app = """
                {"schema": 1, "apps": [
                 {"id": "acme/orders", "repo": "acme/orders", "commit": "%s", "dir": ".", "kind": "terraform",
                  "expected": {"targets": [], "errors": []%s}}]}
                """;
        String nothing = "python3 -c 'import sys; sys.stderr.write(\"iam-preflight: error: nothing to check: no "
                + "deploy target found\\n\"); sys.exit(2)'";
        JsonNode flagged = run(app.formatted(commit, ", \"nothingToCheck\": true"), nothing);
        assertEquals(1, flagged.get("totals").get("usable").asInt(), flagged.toString());
        JsonNode plain = run(app.formatted(commit, ""), nothing);
        assertEquals(0, plain.get("totals").get("usable").asInt(), "exit 2 is a failure unless the app expects it");
    }

    /** The CLI as the test JVM runs it: this classpath, the real main class. */
    private static String launcher() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.iampreflight.cli.Main";
    }

    private static JsonNode run(String manifest, String launcher, String... more) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "run");
        Path m = Files.writeString(dir.resolve("manifest.json"), manifest);
        Path result = dir.resolve("result.json");
        List<String> cmd = new ArrayList<>(List.of("python3", "tools/corpus/run", mirror.toString(),
                "--manifest", m.toString(), "--work", dir.resolve("work").toString(), "--json", result.toString(),
                "--launcher", launcher));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("usable"), output);
        return JSON.readTree(result.toFile());
    }

    private static boolean works(String... cmd) {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
