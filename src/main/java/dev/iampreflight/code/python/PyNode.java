package dev.iampreflight.code.python;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * A node of a parsed Python file: a view of one entry of its file's {@link PyTree} (the tree copied out of
 * tree-sitter once, so the analysis runs in plain Java, with no native calls, safe to share between threads).
 * {@code type} and field names are tree-sitter-python's grammar names, interned.
 *
 * <p>Views are made on demand (by {@link #children()}, {@link #parent()}, ...) and are not unique: two views of the same
 * node are {@link #equals equal} (same file, same index) but may be different objects, so compare nodes with
 * {@code equals}, never {@code ==}. A project's trees were the largest live data of its analysis (seven million
 * objects of 40 bytes and their child lists at 5,000 modules, every one copied by young collections and marked by
 * full ones); a node is now five ints in primitive arrays the collector does not scan.
 */
public final class PyNode {
    private final PyFile file;
    /** The file's tree, kept here too: it costs no space (the object is 24 bytes with or without it). */
    private final PyTree tree;
    private final int index;

    PyNode(PyFile file, int index) {
        this(file, file.tree(), index);
    }

    private PyNode(PyFile file, PyTree tree, int index) {
        this.file = file;
        this.tree = tree;
        this.index = index;
    }

    public String type() {
        return tree.type(index);
    }

    public boolean is(String t) {
        return tree.type(index).equals(t);
    }

    /** The field name this node has in its parent, or null. */
    public String field() {
        return tree.field(index);
    }

    public boolean named() {
        return tree.named(index);
    }

    int startByte() {
        return tree.start(index);
    }

    int endByte() {
        return tree.end(index);
    }

    /** 1-based line. */
    public int line() {
        return file.line(startByte());
    }

    /** 1-based column, in characters of the line. */
    public int column() {
        return file.column(startByte());
    }

    public PyFile file() {
        return file;
    }

    /** The node's position in its file's tree (preorder): with {@link #file()}, what identifies it. */
    int index() {
        return index;
    }

    public PyNode parent() {
        int p = tree.parent(index);
        return p < 0 ? null : new PyNode(file, tree, p);
    }

    public List<PyNode> children() {
        PyTree t = tree;
        int first = t.firstChild(index);
        if (first < 0) {
            return List.of();
        }
        int count = 0;
        for (int c = first; c >= 0; c = t.next(c)) {
            count++;
        }
        PyNode[] out = new PyNode[count];
        int i = 0;
        for (int c = first; c >= 0; c = t.next(c)) {
            out[i++] = new PyNode(file, t, c);
        }
        return new Nodes(out);
    }

    public List<PyNode> namedChildren() {
        PyTree t = tree;
        List<PyNode> out = new ArrayList<>();
        for (int c = t.firstChild(index); c >= 0; c = t.next(c)) {
            if (t.named(c) && !t.type(c).equals("comment")) {
                out.add(new PyNode(file, t, c));
            }
        }
        return out;
    }

    /** The first child with this field name, or null. */
    public PyNode child(String fieldName) {
        PyTree t = tree;
        for (int c = t.firstChild(index); c >= 0; c = t.next(c)) {
            if (fieldName.equals(t.field(c))) {
                return new PyNode(file, t, c);
            }
        }
        return null;
    }

    public Optional<PyNode> optChild(String fieldName) {
        return Optional.ofNullable(child(fieldName));
    }

    public List<PyNode> childrenOf(String fieldName) {
        PyTree t = tree;
        List<PyNode> out = new ArrayList<>();
        for (int c = t.firstChild(index); c >= 0; c = t.next(c)) {
            if (fieldName.equals(t.field(c))) {
                out.add(new PyNode(file, t, c));
            }
        }
        return out;
    }

    /** The first child of this type, or null. */
    public PyNode firstOfType(String type) {
        PyTree t = tree;
        for (int c = t.firstChild(index); c >= 0; c = t.next(c)) {
            if (t.type(c).equals(type)) {
                return new PyNode(file, t, c);
            }
        }
        return null;
    }

    /** The source between the end of {@code a} and the start of {@code b} (an operator between operands). */
    static String between(PyNode a, PyNode b) {
        int from = a.endByte();
        return new String(a.file.bytes(), from, Math.max(0, b.startByte() - from), StandardCharsets.UTF_8).strip();
    }

    public String text() {
        int start = startByte();
        return new String(file.bytes(), start, endByte() - start, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyNode n && n.index == index && n.file == file;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(file) * 31 + index;
    }

    @Override
    public String toString() {
        return type() + "@" + line() + ":" + column();
    }

    /** An immutable list over an array of exactly its size (one object, where List.copyOf would copy the array). */
    private static final class Nodes extends AbstractList<PyNode> implements RandomAccess {
        private final PyNode[] nodes;

        Nodes(PyNode[] nodes) {
            this.nodes = nodes;
        }

        @Override
        public PyNode get(int i) {
            return nodes[i];
        }

        @Override
        public int size() {
            return nodes.length;
        }
    }
}
