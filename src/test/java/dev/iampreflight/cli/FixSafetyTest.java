package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import static dev.iampreflight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #14: {@code check --fix} on links, read-only files and with a machine-readable format. */
class FixSafetyTest {

    @TempDir
    Path dir;

    private Path chaliceExample() throws IOException {
        Path from = Path.of("examples", "chalice-orders");
        Path to = dir.resolve("app");
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

    @Test
    void aLinkedPolicyIsFixedThroughTheLink() throws Exception {
        Path app = chaliceExample();
        Path policy = app.resolve(".chalice/policy-dev.json");
        Path shared = Files.move(policy, app.resolve("shared-policy.json"));
        Files.createSymbolicLink(policy, Path.of("../shared-policy.json"));
        String before = Files.readString(shared);
        CliRun r = run("check", app.toString(), "--fix", "--target", "chalice:dev:*");
        assertTrue(r.err().contains("fixed .chalice/policy-dev.json"), r.err());
        assertTrue(Files.isSymbolicLink(policy), "the link stays a link");
        assertFalse(Files.readString(shared).equals(before), "the shared file it points to is the one fixed");
        assertTrue(Files.readString(shared).contains("dynamodb:UpdateItem"), Files.readString(shared));
    }

    @Test
    void aReadOnlyPolicyIsNotRewrittenAndTheRunSaysWhy() throws Exception {
        Path app = chaliceExample();
        Path policy = app.resolve(".chalice/policy-dev.json");
        String before = Files.readString(policy);
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("r--r--r--"));
        CliRun r = run("check", app.toString(), "--fix", "--target", "chalice:dev:*");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(before, Files.readString(policy));
        assertTrue(r.err().contains("'.chalice/policy-dev.json' could not be written (") && r.err().contains(
                "policy-dev.json: the file is read-only (mode r--r--r--)"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test
    void aDryRunWithJsonKeepsTheDiffOutOfTheJson() throws Exception {
        Path app = chaliceExample();
        CliRun r = run("check", app.toString(), "--fix", "--dry-run", "--format", "json");
        assertEquals(1, r.code(), r.err());
        new ObjectMapper().readTree(r.out()); // throws when the diff is mixed in
        assertTrue(r.err().contains("--- a/.chalice/policy-dev.json"), r.err());
    }

    /**
     * The owner's bits decide for the owner (POSIX): a file its owner may not write is not rewritten, even though
     * others may write it, or the user (root) could write anything.
     */
    @Test
    void aFileItsOwnerMayNotWriteIsNotRewritten() throws Exception {
        Path app = chaliceExample();
        Path policy = app.resolve(".chalice/policy-dev.json");
        String before = Files.readString(policy);
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("r--rw-rw-"));
        CliRun r = run("check", app.toString(), "--fix", "--target", "chalice:dev:*");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(before, Files.readString(policy));
        assertTrue(r.err().contains("the file is read-only for its owner (mode r--rw-rw-)"), r.err());
    }

    @Test
    void aFileInAReadOnlyFolderIsNotReplaced() throws Exception {
        Path app = chaliceExample();
        Path policy = app.resolve(".chalice/policy-dev.json");
        String before = Files.readString(policy);
        Files.setPosixFilePermissions(policy.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CliRun r = run("check", app.toString(), "--fix", "--target", "chalice:dev:*");
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals(before, Files.readString(policy));
            assertTrue(r.err().contains("the folder is read-only (mode r-xr-xr-x)"), r.err());
            assertFalse(r.err().contains("internal error"), r.err());
        } finally {
            Files.setPosixFilePermissions(policy.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
