package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.iampreflight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #14: what comes from input cannot inject lines into the output; exit-2 runs still write their report. */
class OutputSafetyTest {

    @TempDir
    Path dir;

    /** A Chalice app whose stage name tries to inject GitHub workflow commands and a terminal escape. */
    private Path hostileStage() throws Exception {
        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve(".chalice"));
        Files.writeString(app.resolve("app.py"), """
                import boto3
                from chalice import Chalice
                app = Chalice(app_name='x')

                @app.route('/')
                def index():
                    boto3.client('sqs').send_message(QueueUrl='https://sqs.us-east-1.amazonaws.com/1/q', MessageBody='b')
                """);
        Files.writeString(app.resolve(".chalice/config.json"), """
                {"version": "2.0", "app_name": "x", "autogen_policy": false,
                 "stages": {"dev\\n::add-mask::secret\\n::error file=x::pwned\\u001b[31m": {}}}
                """);
        Files.writeString(app.resolve(".chalice/policy-dev\n::add-mask::secret\n::error file=x::pwned\u001b[31m.json"),
                "{\"Version\": \"2012-10-17\", \"Statement\": []}");
        return app;
    }

    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"text", "github", "json", "sarif", "junit", "markdown"})
    void inputCannotStartAWorkflowCommandOrDriveTheTerminal(String format) throws Exception {
        CliRun r = run("check", hostileStage().toString(), "--format", format);
        String all = r.out() + r.err();
        assertTrue(r.code() == 1 || r.code() == 2, all);
        for (String line : all.split("\n", -1)) {
            String l = line.strip();
            assertFalse(l.startsWith("::add-mask::") || l.startsWith("::error file=x::"), line);
        }
        assertFalse(all.contains("\u001b"), "no raw ESC");
        assertTrue(all.contains("add-mask"), "the name is shown, escaped: " + all);
    }

    @Test
    void aRunThatChecksNothingStillWritesItsSarifReportToOutput() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("report.sarif");
        CliRun r = run("check", empty.toString(), "--format", "sarif", "--output", out.toString());
        assertEquals(2, r.code(), r.err());
        JsonNode sarif = new ObjectMapper().readTree(Files.readString(out));
        JsonNode invocation = sarif.get("runs").get(0).get("invocations").get(0);
        assertFalse(invocation.get("executionSuccessful").asBoolean());
        assertTrue(invocation.get("toolExecutionNotifications").get(0).get("message").get("text").asText()
                .startsWith("nothing to check"), invocation.toString());
    }

    @Test
    void aFileLevelSarifResultHasARegion() throws Exception {
        Path app = Files.createDirectories(dir.resolve("tf"));
        Files.writeString(app.resolve("main.tf"), "resource \"aws_lambda_function\" \"f\" {\n");
        Files.writeString(app.resolve("other.tf"), new String(new byte[] {'#', ' ', (byte) 0xC3, '\n'},
                java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRun r = run("check", app.toString(), "--format", "sarif");
        JsonNode results = new ObjectMapper().readTree(r.out()).get("runs").get(0).get("results");
        assertTrue(results.size() > 0, r.out());
        for (JsonNode result : results) {
            for (JsonNode loc : result.path("locations")) {
                assertTrue(loc.get("physicalLocation").has("region"), result.toString());
            }
        }
    }
}
