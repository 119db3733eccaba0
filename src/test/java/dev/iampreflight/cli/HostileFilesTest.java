package dev.iampreflight.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static dev.iampreflight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14: files that are not what their names say (named pipes, devices, bytes that are not UTF-8, text in the
 * encoding Python would read) end in a located finding, never a hang, a crash or a silent pass.
 */
class HostileFilesTest {

    @TempDir
    Path dir;

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Path example(String name) throws IOException {
        Path from = Path.of("examples", name);
        Path to = dir.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    /** Replaces {@code file} by a named pipe: opening it for reading blocks until a writer comes, i.e. forever. */
    private static void fifo(Path file) throws Exception {
        Files.deleteIfExists(file);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available");
            return;
        }
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(file), "mkfifo failed");
    }

    private static void zero(Path file) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero");
        Files.deleteIfExists(file);
        Files.createSymbolicLink(file, Path.of("/dev/zero"));
    }

    private static CliRun runBounded(String... args) {
        return assertTimeoutPreemptively(LIMIT, () -> run(args));
    }

    private static void assertNamed(CliRun r, String file) {
        String all = r.out() + r.err();
        assertTrue(r.code() == 1 || r.code() == 2, "exit " + r.code() + ": " + all);
        assertFalse(all.contains("internal error") || all.contains("Exception"), all);
        assertTrue(all.contains(file) && all.contains("IAM0004") && all.contains("not a regular file"), all);
    }

    @ParameterizedTest(name = "a named pipe as {0}")
    @ValueSource(strings = {"chalice-orders/app.py", "chalice-orders/.chalice/policy-dev.json",
            "chalice-orders/.iam-preflight.yml", "sam-reports/template.yaml", "terraform-app/main.tf"})
    void aNamedPipeNamedLikeAnInputIsReportedNotWaitedOn(String input) throws Exception {
        Path project = example(input.substring(0, input.indexOf('/')));
        fifo(dir.resolve(input));
        CliRun r = runBounded("check", project.toString(), "-q");
        String name = Path.of(input.substring(input.indexOf('/') + 1)).toString();
        if (name.equals("app.py")) {
            // chalice cannot tell its functions without app.py: said, with the reason, and nothing to check.
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("'app.py' cannot be read (is not a regular file"), r.err());
        } else {
            assertNamed(r, name);
        }
    }

    @ParameterizedTest(name = "a link to /dev/zero as {0}")
    @ValueSource(strings = {"chalice-orders/.chalice/policy-dev.json", "sam-reports/template.yaml",
            "terraform-app/main.tf", "chalice-orders/app.py"})
    void aLinkToAnEndlessDeviceIsReportedNotRead(String input) throws Exception {
        Path project = example(input.substring(0, input.indexOf('/')));
        zero(dir.resolve(input));
        CliRun r = runBounded("check", project.toString(), "-q");
        String name = input.substring(input.indexOf('/') + 1);
        String all = r.out() + r.err();
        assertFalse(all.contains("internal error") || all.contains("Error"), all);
        assertTrue(all.contains(name) && all.contains("not a regular file"), all);
    }

    @Test
    void simulateRefusesAPipeAsPolicyOrBatch() throws Exception {
        Path pipe = dir.resolve("policy.json");
        fifo(pipe);
        CliRun r = runBounded("simulate", "--policy", pipe.toString(), "--action", "s3:GetObject");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("not a regular file"), r.out() + r.err());
        Path batch = dir.resolve("batch.jsonl");
        fifo(batch);
        CliRun b = runBounded("simulate", "--batch", batch.toString());
        assertEquals(2, b.code(), b.out() + b.err());
        assertTrue(b.err().contains("batch.jsonl") && b.err().contains("not a regular file"), b.err());
    }

    @Test
    void aBatchFileWithABadByteIsHandledLineByLine() throws Exception {
        String policies = ",\"identityPolicies\":[{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}}]}\n";
        Path batch = dir.resolve("batch.jsonl");
        byte[] good = ("{\"id\":1,\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\"" + policies)
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = ("{\"id\":2,\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/caf\u00e9\"" + policies)
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(batch, concat(good, bad, good));
        CliRun r = runBounded("simulate", "--batch", batch.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].contains("\"id\":1,\"decision\""), lines[0]);
        assertTrue(lines[1].contains("\"line\":2") && lines[1].contains("not valid UTF-8: byte 0xE9"), lines[1]);
        assertTrue(lines[2].contains("\"id\":1,\"decision\""), lines[2]);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void aTemplateWithAByteThatIsNotUtf8IsALocatedErrorNotASkip() throws Exception {
        Path project = example("sam-reports");
        Path t = project.resolve("template.yaml");
        byte[] text = Files.readAllBytes(t);
        Files.write(t, concat(text, "# caf".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9, '\n'}));
        long lines = new String(text, StandardCharsets.UTF_8).lines().count();
        CliRun r = runBounded("check", project.toString(), "-q");
        // The only template is unusable, so nothing can be checked (exit 2), and the reason is located.
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("template.yaml:" + (lines + 1) + ":6: error IAM0001: 'template.yaml' "
                + "is not valid UTF-8: byte 0xE9"), r.out() + r.err());
    }

    @Test
    void aPolicyWithAByteThatIsNotUtf8IsALocatedError() throws Exception {
        Path project = example("chalice-orders");
        Path p = project.resolve(".chalice/policy-dev.json");
        String text = Files.readString(p).replaceFirst("\"Version\"", "\"Sid\": \"caf\u00e9\", \"Version\"");
        Files.write(p, text.getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = runBounded("check", project.toString(), "-q");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(".chalice/policy-dev.json:2:") && r.out().contains("error IAM0001: "
                + "'.chalice/policy-dev.json' is not valid UTF-8: byte 0xE9"), r.out());
    }

    @Test
    void aLatin1AppWithACodingLineIsReadAsPythonReadsIt() throws Exception {
        Path project = example("chalice-orders");
        Path app = project.resolve("app.py");
        String text = "# -*- coding: latin-1 -*-\n# Caf\u00e9 orders\n" + Files.readString(app);
        Files.write(app, text.getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = runBounded("check", project.toString(), "-q");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("(12 calls checked)") && r.out().contains("chalice:dev:api_handler"), r.out());
    }

    @Test
    void crOnlyLineEndsAreLineEnds() throws Exception {
        Path project = example("chalice-orders");
        CliRun lf = runBounded("check", project.toString(), "-q");
        for (Path py : new Path[] {project.resolve("app.py"), project.resolve("chalicelib/db.py")}) {
            if (Files.exists(py)) {
                Files.writeString(py, Files.readString(py).replace("\n", "\r"));
            }
        }
        CliRun cr = runBounded("check", project.toString(), "-q");
        assertEquals(lf.out(), cr.out(), "old Mac line ends must give the same findings, at the same lines");
    }

    @Test
    void twentyThousandDuplicateKeysCostLinearTime() throws Exception {
        Path project = example("chalice-orders");
        StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",");
        for (int i = 0; i < 60_000; i++) {
            sb.append("\"Action\":\"s3:GetObject\",");
        }
        sb.append("\"Resource\":\"*\"}]}");
        Files.writeString(project.resolve(".chalice/policy-dev.json"), sb);
        // Quadratic de-duplication took minutes here; linear work is well under a second of CPU.
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(40),
                () -> run("check", project.toString(), "-q", "--target", "chalice:dev:*"));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("duplicate key 'Action'"), r.out().substring(0, 500));
    }
}
