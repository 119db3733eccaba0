package dev.iampreflight.cli;

import static dev.iampreflight.cli.CliRun.run;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.ProjectConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitCommandTest {



    @Test
    void writesAStarterConfigThatReadsCleanly(@TempDir Path dir) throws IOException {
        CliRun r = run("init", dir.toString());
        assertEquals(0, r.code(), r.err());
        Path file = dir.resolve(".iam-preflight.yml");
        assertTrue(Files.isRegularFile(file));
        ConfigLoader.Loaded loaded = ConfigLoader.load(file, ".iam-preflight.yml");
        assertEquals(List.of(), loaded.findings());
        assertEquals(ProjectConfig.empty().ignores(), loaded.config().ignores());
        assertTrue(r.out().contains("- id: iam-preflight"), r.out());
        assertTrue(r.out().contains("fail-on: error"), r.out());
        // A build that does not say where it is published prints no URL: nothing points at a page that may not exist.
        assertTrue(!r.out().contains("https://"), r.out());
        assertTrue(!Files.readString(file).contains("https://"));
    }

    @Test
    void thePreCommitSnippetIsALocalHookThatPreCommitCanRunAsPrinted() throws Exception {
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(InitCommand.preCommitEntry("1.2.3"));
        com.fasterxml.jackson.databind.JsonNode hook = n.get("repos").get(0).get("hooks").get(0);
        assertEquals("local", n.get("repos").get(0).get("repo").asText());
        assertEquals("iam-preflight check", hook.get("entry").asText());
        assertEquals("system", hook.get("language").asText());
        java.util.regex.Pattern files = java.util.regex.Pattern.compile(hook.get("files").asText());
        assertTrue(files.matcher("src/app.py").find());
        assertTrue(files.matcher(".chalice/config.json").find());
        assertTrue(!files.matcher("README.md").find());
    }

    @Test
    void refusesToOverwriteWithoutForce(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve(".iam-preflight.yml"), "region: eu-west-1\n");
        CliRun r = run("init", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already exists; use --force"), r.err());
        assertEquals("region: eu-west-1\n", Files.readString(file));

        CliRun forced = run("init", "--force", "-q", dir.toString());
        assertEquals(0, forced.code(), forced.err());
        assertEquals("", forced.out());
        assertTrue(Files.readString(file).startsWith("# iam-preflight configuration."));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void refusesWhenTheOtherSpellingExists(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".iam-preflight.yaml"), "region: eu-west-1\n");
        CliRun r = run("init", "--force", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(".iam-preflight.yaml' already exists; remove it first"), r.err());
        assertTrue(Files.notExists(dir.resolve(".iam-preflight.yml")));
    }

    @Test
    void aMissingDirectoryIsAUsageError(@TempDir Path dir) {
        CliRun r = run("init", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not a directory"), r.err());
    }
}
