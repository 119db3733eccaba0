package dev.iampreflight.code.python;

import java.util.Arrays;

/**
 * The tree of one parsed file in five int arrays, one entry per node in preorder (the root is 0; a node's first child,
 * when it has one, is the next entry). {@link PyNode} is a view of one entry. Primitive arrays cost the collector
 * nothing to scan or copy and 20 bytes a node, where a node object with its child list cost 70 to 90 (docs/
 * performance.md, "#### flat").
 */
final class PyTree {
    /** Packed per node: the type id (bits 0-15, see {@link NativeNodes#typeName}), field id (16-23), named (24). */
    private final int[] info;
    private final int[] start;
    private final int[] end;
    /** The parent's index, -1 for the root. */
    private final int[] parent;
    /** The next sibling's index, -1 for the last child. */
    private final int[] next;

    private static final int FIELD_SHIFT = 16;
    private static final int NAMED = 1 << 24;

    private PyTree(int[] info, int[] start, int[] end, int[] parent, int[] next) {
        this.info = info;
        this.start = start;
        this.end = end;
        this.parent = parent;
        this.next = next;
    }

    int size() {
        return info.length;
    }

    String type(int i) {
        return NativeNodes.typeName(info[i] & 0xFFFF);
    }

    String field(int i) {
        return NativeNodes.fieldName((info[i] >>> FIELD_SHIFT) & 0xFF);
    }

    boolean named(int i) {
        return (info[i] & NAMED) != 0;
    }

    int start(int i) {
        return start[i];
    }

    int end(int i) {
        return end[i];
    }

    int parent(int i) {
        return parent[i];
    }

    int next(int i) {
        return next[i];
    }

    int firstChild(int i) {
        int c = i + 1;
        return c < parent.length && parent[c] == i ? c : -1;
    }

    /**
     * Fills a tree in preorder: {@link #open} a node (it becomes the last child of the innermost open node), {@link
     * #close} it after its children. One builder per thread is reused from file to file, so its growable arrays are
     * made once and each file's tree is copied out at exactly its size.
     */
    static final class Builder {
        private int[] info = new int[1024];
        private int[] start = new int[1024];
        private int[] end = new int[1024];
        private int[] parent = new int[1024];
        private int[] next = new int[1024];
        private int size;
        /** The largest arrays kept from one file to the next (5 MB for the five). */
        private static final int MAX_KEPT = 1 << 18;
        /** The open nodes, innermost last, and the last child seen of each. */
        private int[] open = new int[64];
        private int[] lastChild = new int[64];
        private int depth;

        void reset() {
            size = 0;
            depth = 0;
        }

        /** Adds a node under the innermost open one and opens it; returns its index. */
        int open(int typeId, int fieldId, boolean named, int startByte, int endByte) {
            if (typeId < 0 || typeId > 0xFFFF || fieldId < 0 || fieldId > 0xFF) {
                throw new IllegalStateException("type or field id out of range: " + typeId + ", " + fieldId);
            }
            if (size == info.length) {
                int n = size * 2;
                info = Arrays.copyOf(info, n);
                start = Arrays.copyOf(start, n);
                end = Arrays.copyOf(end, n);
                parent = Arrays.copyOf(parent, n);
                next = Arrays.copyOf(next, n);
            }
            int i = size++;
            info[i] = typeId | fieldId << FIELD_SHIFT | (named ? NAMED : 0);
            start[i] = startByte;
            end[i] = endByte;
            next[i] = -1;
            if (depth == 0) {
                parent[i] = -1;
            } else {
                parent[i] = open[depth - 1];
                int last = lastChild[depth - 1];
                if (last >= 0) {
                    next[last] = i;
                }
                lastChild[depth - 1] = i;
            }
            if (depth == open.length) {
                open = Arrays.copyOf(open, depth * 2);
                lastChild = Arrays.copyOf(lastChild, depth * 2);
            }
            open[depth] = i;
            lastChild[depth] = -1;
            depth++;
            return i;
        }

        void close() {
            depth--;
        }

        PyTree build() {
            PyTree t = new PyTree(Arrays.copyOf(info, size), Arrays.copyOf(start, size), Arrays.copyOf(end, size),
                    Arrays.copyOf(parent, size), Arrays.copyOf(next, size));
            if (info.length > MAX_KEPT) {
                // One huge file (a vendored data module) should not keep megabytes per parse thread for the rest.
                info = new int[1024];
                start = new int[1024];
                end = new int[1024];
                parent = new int[1024];
                next = new int[1024];
            }
            return t;
        }
    }
}
