package dev.iampreflight.code.python;

import org.junit.jupiter.api.Test;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flat tree ({@link PyTree}, read through {@link PyNode} views) against a tree built the plain way: the same
 * tree-sitter parse walked with the binding's public cursor API into objects, keeping what the parser keeps (named
 * nodes, and every node of a file with errors). Every node must match in type, field, named flag, text, line and
 * character column (counted here from the source), parent and children, in order.
 */
class PyTreeTest {

    /** A node of the reference tree. */
    private record Ref(String type, String field, boolean named, int start, int end, List<Ref> children) {
    }

    private static Ref reference(byte[] utf8) {
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterPython());
        TSTree tree = parser.parse(new byte[64 * 1024], null, (buf, offset, point) -> {
            int n = Math.max(0, Math.min(buf.length, utf8.length - offset));
            System.arraycopy(utf8, offset, buf, 0, n);
            return n;
        }, TSInputEncoding.TSInputEncodingUTF8);
        TSNode root = tree.getRootNode();
        boolean clean = !root.hasError();
        TSTreeCursor cursor = new TSTreeCursor(root);
        return walk(cursor, clean, true);
    }

    private static Ref walk(TSTreeCursor cursor, boolean clean, boolean isRoot) {
        TSNode n = cursor.currentNode();
        List<Ref> children = new ArrayList<>();
        if (cursor.gotoFirstChild()) {
            do {
                TSNode c = cursor.currentNode();
                if (c.isNamed() || !clean) {
                    children.add(walk(cursor, clean, false));
                }
            } while (cursor.gotoNextSibling());
            cursor.gotoParent();
        }
        return new Ref(n.getType(), isRoot ? null : cursor.currentFieldName(), isRoot || n.isNamed(),
                n.getStartByte(), n.getEndByte(), children);
    }

    /** Compares the trees node by node; returns how many nodes were compared. */
    private static int compare(Ref ref, PyNode node, PyNode parent, String source, byte[] utf8) {
        String where = node + " (" + ref.type() + " at byte " + ref.start() + ")";
        assertEquals(ref.type(), node.type(), where);
        assertSame(ref.type().intern(), node.type(), "type names are interned: " + where);
        assertEquals(ref.field(), node.field(), where);
        assertEquals(ref.named(), node.named(), where);
        assertEquals(new String(utf8, ref.start(), ref.end() - ref.start(), StandardCharsets.UTF_8), node.text(), where);
        String before = new String(utf8, 0, ref.start(), StandardCharsets.UTF_8);
        int lineStart = before.lastIndexOf('\n') + 1;
        assertEquals(before.chars().filter(ch -> ch == '\n').count() + 1, node.line(), where);
        assertEquals(before.codePointCount(lineStart, before.length()) + 1, node.column(), where);
        assertEquals(parent, node.parent(), where);
        List<PyNode> children = node.children();
        assertEquals(ref.children().size(), children.size(), where);
        int count = 1;
        for (int i = 0; i < children.size(); i++) {
            count += compare(ref.children().get(i), children.get(i), node, source, utf8);
        }
        return count;
    }

    private static int matches(String source) {
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        PyFile f = PythonParser.parse("m.py", source);
        PyNode root = f.root();
        assertNull(root.parent());
        return compare(reference(utf8), root, null, source, utf8);
    }

    @Test
    void positionsFieldsAndChildrenMatchAcrossMultiByteText() {
        String source = "# -*- coding: utf-8 -*-\n"
                + "import boto3\n"
                + "from os import environ as env\n\n"
                + "NAME = 'tablé-€-😀' + env['STAGE']  # naïve\n"
                + "def handler(événement, ctx=None, *args, **kw):\n"
                + "    s3 = boto3.client('s3')\n"
                + "    for k, v in événement.items():\n"
                + "        s3.put_object(Bucket=f\"b-{NAME}-😀{k!r}\", Key=v)\n"
                + "    return [x for x in range(3) if x] or {'a': 1, **kw}\n"
                + "class C(object):\n"
                + "    @staticmethod\n"
                + "    def m(): pass\n";
        assertTrue(matches(source) > 100);
    }

    @Test
    void aFileWithSyntaxErrorsKeepsEveryNodeIncludingErrorAndMissingOnes() {
        String source = "import boto3\ndef f(:\n    x = (1, 2\n    boto3.client('s3').get_object(Bucket='é')\n"
                + "y = ]\n";
        PyFile f = PythonParser.parse("bad.py", source);
        assertFalse(f.problems().isEmpty());
        boolean sawError = false;
        List<PyNode> todo = new ArrayList<>(List.of(f.root()));
        while (!todo.isEmpty()) {
            PyNode n = todo.remove(todo.size() - 1);
            sawError |= n.is("ERROR");
            todo.addAll(n.children());
        }
        assertTrue(sawError);
        // Anonymous tokens are kept too: the reference keeps them for a file with errors.
        assertTrue(matches(source) > 30);
    }

    @Test
    void aDeepFileMatches() {
        int depth = 1_500;
        StringBuilder chain = new StringBuilder("X = 'p0'");
        for (int i = 1; i < depth; i++) {
            chain.append(" + 'p").append(i).append("'");
        }
        String source = chain + "\nY = " + "[".repeat(NestingLimit.MAX_LEVEL) + "'é'" + "]".repeat(NestingLimit.MAX_LEVEL)
                + "\n";
        assertTrue(matches(source) > 2 * depth);
    }

    @Test
    void viewsOfTheSameNodeAreEqualAndOthersAreNot() {
        PyFile f = PythonParser.parse("m.py", "a = b\n");
        PyFile g = PythonParser.parse("m.py", "a = b\n");
        PyNode assignment = f.root().children().get(0).children().get(0);
        PyNode left = assignment.child("left");
        assertEquals(left, assignment.children().get(0));
        assertEquals(left.hashCode(), assignment.children().get(0).hashCode());
        assertEquals(assignment, left.parent());
        assertNotEquals(left, assignment.child("right"));
        // The same position in another parse of the same text is another node.
        assertNotEquals(left, g.root().children().get(0).children().get(0).child("left"));
        assertEquals("a", left.text());
        assertEquals("left", left.field());
        assertEquals(List.of(left, assignment.child("right")), assignment.namedChildren());
        assertEquals(List.of(left), assignment.childrenOf("left"));
        assertEquals(left, assignment.firstOfType("identifier"));
    }
}
