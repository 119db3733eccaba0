package dev.iampreflight.project.internal;

import java.nio.file.Path;

/** Repo-relative display names, always '/'-separated so output is the same on every OS. */
public final class DisplayPaths {
    private DisplayPaths() {
    }

    public static String rel(Path root, Path file) {
        Path r = root.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        String s = f.startsWith(r) ? r.relativize(f).toString() : f.toString();
        s = s.replace('\\', '/');
        return s.isEmpty() ? "." : s;
    }
}
