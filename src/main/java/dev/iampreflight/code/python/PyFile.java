package dev.iampreflight.code.python;

import java.util.List;

/**
 * One parsed Python file: its path relative to the scanned root (with '/' separators), its dotted module name
 * ({@code chalicelib/db.py} -> {@code chalicelib.db}, {@code pkg/__init__.py} -> {@code pkg}), its bytes and tree.
 */
public final class PyFile {
    private final String path;
    private final String module;
    private final byte[] bytes;
    private PyNode root;
    private List<SyntaxProblem> problems = List.of();

    PyFile(String path, byte[] bytes) {
        this.path = path;
        this.module = moduleName(path);
        this.bytes = bytes;
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

    void root(PyNode r) {
        this.root = r;
    }

    public List<SyntaxProblem> problems() {
        return problems;
    }

    void problems(List<SyntaxProblem> p) {
        this.problems = List.copyOf(p);
    }
}
