package dev.iampreflight.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AtomicFilesTest {

    @Test
    void replacesContentAndKeepsTheFilesPermissions(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("policy.json"), "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFiles.write(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void newFilesAreNotPrivateAndNoTempFileIsLeft(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/report.sarif");
        AtomicFiles.write(f, "{}");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "only the target, no .tmp left behind");
        }
    }
}
