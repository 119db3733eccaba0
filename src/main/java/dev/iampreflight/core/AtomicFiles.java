package dev.iampreflight.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Writes files so that a reader (or a crash) never sees them half-written: the bytes go to a temporary file in the
 * same directory, which is then renamed over the target.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            // A temp file is created owner-only (0600); the result must keep the permissions the file had, or get
            // the usual rw-r--r-- when it is new, not silently become private.
            permissionsFor(abs).ifPresent(perms -> {
                try {
                    Files.setPosixFilePermissions(tmp, perms);
                } catch (IOException | UnsupportedOperationException e) {
                    // not a POSIX file system: nothing to keep
                }
            });
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Optional<Set<PosixFilePermission>> permissionsFor(Path target) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
        } catch (IOException e) {
            return Optional.of(NEW_FILE);
        }
    }
}
