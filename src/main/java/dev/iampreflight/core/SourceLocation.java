package dev.iampreflight.core;

import java.util.Comparator;

/**
 * Where something was written: a file (as the user named it, or repo-relative), a 1-based line and a 1-based column.
 * Line or column 0 means "unknown" (for example a value synthesised from defaults).
 */
public record SourceLocation(String file, int line, int column) implements Comparable<SourceLocation> {

    private static final Comparator<SourceLocation> ORDER = Comparator
            .comparing(SourceLocation::file)
            .thenComparingInt(SourceLocation::line)
            .thenComparingInt(SourceLocation::column);

    public SourceLocation {
        // A file name is input too (a newline in a name would start a new line of output).
        file = file == null ? "" : Printable.escape(file);
    }

    public static SourceLocation of(String file) {
        return new SourceLocation(file, 0, 0);
    }

    public static SourceLocation unknown() {
        return new SourceLocation("", 0, 0);
    }

    /** {@code file:line:column}, leaving out the parts that are unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(SourceLocation o) {
        return ORDER.compare(this, o);
    }
}
