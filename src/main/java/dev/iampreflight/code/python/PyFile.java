package dev.iampreflight.code.python;

import java.util.Arrays;
import java.util.List;

/**
 * One parsed Python file: its path relative to the scanned root (with '/' separators), its dotted module name
 * ({@code chalicelib/db.py} -> {@code chalicelib.db}, {@code pkg/__init__.py} -> {@code pkg}), its bytes and tree.
 */
public final class PyFile {
    private final String path;
    private final String module;
    private final byte[] bytes;
    /**
     * The byte offset of each line's start. Nodes keep only byte offsets and compute their line and column from this
     * table when asked (for the few that become locations): a project's trees are the largest live data of its
     * analysis, and two ints per node were a sixth of it.
     */
    private final int[] lineStarts;
    private final boolean ascii;
    /** For a file with non-ASCII bytes: code points before each {@link #STRIDE}-byte boundary, made when first asked. */
    private volatile int[] codePoints;
    private static final int STRIDE = 256;
    private PyTree tree;
    private PyNode root;
    private List<SyntaxProblem> problems = List.of();

    PyFile(String path, byte[] bytes) {
        this.path = path;
        this.module = moduleName(path);
        this.bytes = bytes;
        this.lineStarts = lineStarts(bytes);
        boolean a = true;
        for (byte b : bytes) {
            if (b < 0) {
                a = false;
                break;
            }
        }
        this.ascii = a;
    }

    private static int[] lineStarts(byte[] bytes) {
        int count = 1;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    /** The 1-based line of byte offset {@code at}. */
    int line(int at) {
        int idx = Arrays.binarySearch(lineStarts, at);
        return (idx >= 0 ? idx : -idx - 2) + 1;
    }

    /**
     * The 1-based column of byte offset {@code at}, in characters (code points: UTF-8 continuation bytes do not start
     * one). Linear in neither the line's length nor the file's: a file of ASCII needs no counting, and for any other
     * the count from a checkpoint at most {@link #STRIDE} bytes back (a 1 MB one-line data file once took 17 s
     * because every node counted from its line's start).
     */
    int column(int at) {
        int lineStart = lineStarts[line(at) - 1];
        if (ascii) {
            return at - lineStart + 1;
        }
        return codePointsBefore(at) - codePointsBefore(lineStart) + 1;
    }

    private int codePointsBefore(int at) {
        int[] cps = codePoints;
        if (cps == null) {
            cps = new int[bytes.length / STRIDE + 1];
            int count = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i % STRIDE == 0) {
                    cps[i / STRIDE] = count;
                }
                if (i < bytes.length && (bytes[i] & 0xC0) != 0x80) {
                    count++;
                }
            }
            // Threads that race here compute the same table; any of them may be kept.
            codePoints = cps;
        }
        int from = Math.min(at, bytes.length) / STRIDE * STRIDE;
        int count = cps[from / STRIDE];
        for (int i = from; i < at && i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    /** A place where the parser found code it could not read. */
    public record SyntaxProblem(int line, int column, String message) {
    }

    static String moduleName(String path) {
        String p = path.endsWith(".py") ? path.substring(0, path.length() - 3) : path;
        if (p.endsWith("/__init__")) {
            p = p.substring(0, p.length() - "/__init__".length());
        } else if (p.equals("__init__")) {
            p = "";
        }
        return p.replace('/', '.');
    }

    public String path() {
        return path;
    }

    public String module() {
        return module;
    }

    public boolean isPackage() {
        return path.endsWith("__init__.py");
    }

    byte[] bytes() {
        return bytes;
    }

    public PyNode root() {
        return root;
    }

    PyTree tree() {
        return tree;
    }

    void tree(PyTree t) {
        this.tree = t;
        this.root = t.size() == 0 ? null : new PyNode(this, 0);
    }

    public List<SyntaxProblem> problems() {
        return problems;
    }

    void problems(List<SyntaxProblem> p) {
        this.problems = List.copyOf(p);
    }
}
