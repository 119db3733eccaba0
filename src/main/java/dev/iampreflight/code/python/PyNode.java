package dev.iampreflight.code.python;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node of a parsed Python file, copied out of tree-sitter's tree once so the analysis runs in plain Java (no native
 * calls, safe to share between threads). {@code type} and field names are tree-sitter-python's grammar names.
 */
public final class PyNode {
    /** Set in {@link #end} for a named node: the flag costs no field of its own (offsets stay below 2^31). */
    private static final int NAMED = 1 << 31;
    private final String type;
    private final String field;
    private final int startByte;
    /** The end byte, with {@link #NAMED}. Line and column are not kept: {@link PyFile} computes them when asked. */
    private final int end;
    private final PyFile file;
    /** Null until the first child: most nodes are leaves, and a large file has millions of them. */
    private List<PyNode> children;
    private PyNode parent;

    PyNode(PyFile file, String type, String field, boolean named, int startByte, int endByte) {
        this.file = file;
        this.type = type;
        this.field = field;
        this.startByte = startByte;
        this.end = endByte | (named ? NAMED : 0);
    }

    void add(PyNode child) {
        child.parent = this;
        if (children == null) {
            children = new ArrayList<>(4);
        }
        children.add(child);
    }

    /**
     * Replaces the growable child list by an immutable one of exactly its size (for one or two children, no array at
     * all): the trees of a project are the largest live data of its analysis, and most lists hold one to three nodes.
     */
    void freeze() {
        if (children != null) {
            children = List.copyOf(children);
        }
    }

    public String type() {
        return type;
    }

    public boolean is(String t) {
        return type.equals(t);
    }

    /** The field name this node has in its parent, or null. */
    public String field() {
        return field;
    }

    public boolean named() {
        return (end & NAMED) != 0;
    }

    private int endByte() {
        return end & ~NAMED;
    }

    /** 1-based line. */
    public int line() {
        return file.line(startByte);
    }

    /** 1-based column, in characters of the line. */
    public int column() {
        return file.column(startByte);
    }

    public PyFile file() {
        return file;
    }

    public PyNode parent() {
        return parent;
    }

    public List<PyNode> children() {
        return children == null ? List.of() : children;
    }

    public List<PyNode> namedChildren() {
        List<PyNode> out = new ArrayList<>();
        for (PyNode c : children()) {
            if (c.named() && !c.is("comment")) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first child with this field name, or null. */
    public PyNode child(String fieldName) {
        for (PyNode c : children()) {
            if (fieldName.equals(c.field)) {
                return c;
            }
        }
        return null;
    }

    public Optional<PyNode> optChild(String fieldName) {
        return Optional.ofNullable(child(fieldName));
    }

    public List<PyNode> childrenOf(String fieldName) {
        List<PyNode> out = new ArrayList<>();
        for (PyNode c : children()) {
            if (fieldName.equals(c.field)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first child of this type, or null. */
    public PyNode firstOfType(String t) {
        for (PyNode c : children()) {
            if (c.is(t)) {
                return c;
            }
        }
        return null;
    }

    /** The source between the end of {@code a} and the start of {@code b} (an operator between operands). */
    static String between(PyNode a, PyNode b) {
        return new String(a.file.bytes(), a.endByte(), Math.max(0, b.startByte - a.endByte()), StandardCharsets.UTF_8)
                .strip();
    }

    public String text() {
        return new String(file.bytes(), startByte, endByte() - startByte, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return type + "@" + line() + ":" + column();
    }
}
