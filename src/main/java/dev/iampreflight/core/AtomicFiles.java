package dev.iampreflight.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
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
        // A symbolic link is written through (the new file replaces the link's target, atomically, in the target's
        // directory): renaming over the link itself would turn it into a regular file and leave the shared file
        // it points to unchanged.
        Path abs = linkTarget(target.toAbsolutePath());
        if (Files.exists(abs)) {
            Optional<String> readOnly = readOnly(abs);
            if (readOnly.isPresent()) {
                throw new AccessDeniedException(abs.toString(), null, "the file is " + readOnly.get() + " (mode "
                        + modeOf(abs) + "); make it writable to have it changed");
            }
        }
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
            // Replacing a file is a change of its folder: a folder made read-only is respected too.
            Optional<String> readOnly = readOnly(dir);
            if (readOnly.isPresent()) {
                throw new AccessDeniedException(abs.toString(), null, "the folder is " + readOnly.get() + " (mode "
                        + modeOf(dir) + "); make it writable to have the file changed");
            }
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

    /** Where a chain of symbolic links ends (the path itself when it is not a link). */
    static Path linkTarget(Path path) throws IOException {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(p);
            p = (p.getParent() == null ? link : p.getParent().resolve(link)).normalize();
        }
        return p;
    }

    /**
     * Why the file (or folder) may not be changed, if it may not. The mode counts even for a user (such as root)
     * whom the system would let write anyway: a file without write permission was made read-only on purpose. As in
     * POSIX, the owner's bits decide for the owner, whatever the group's and others' bits say.
     */
    private static Optional<String> readOnly(Path file) {
        if (!Files.isWritable(file)) {
            return Optional.of("read-only");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            String owner = Files.getOwner(file).getName();
            if (owner.equals(System.getProperty("user.name"))) {
                return perms.contains(PosixFilePermission.OWNER_WRITE) ? Optional.empty()
                        : Optional.of(perms.contains(PosixFilePermission.GROUP_WRITE)
                        || perms.contains(PosixFilePermission.OTHERS_WRITE) ? "read-only for its owner" : "read-only");
            }
            return perms.contains(PosixFilePermission.OWNER_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE) ? Optional.empty() : Optional.of("read-only");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String modeOf(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException | UnsupportedOperationException e) {
            return "not writable";
        }
    }

    /** Why a write failed, in words (an {@link AccessDeniedException}'s message is only the path). */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            String why = fse.getReason() != null ? fse.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e.getClass().getSimpleName();
            return fse.getFile() == null ? why : fse.getFile() + ": " + why;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
