package dev.iampreflight.code.python;

import org.treesitter.TSInputEncoding;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Parses Python source with tree-sitter and copies the tree into {@link PyNode}s. tree-sitter recovers from syntax
 * errors, so a file with a bad line still yields a tree for the rest; the ERROR and MISSING nodes become
 * {@link PyFile.SyntaxProblem}s. A parser is not thread-safe: each thread gets its own.
 */
public final class PythonParser {

    private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
        TSParser p = new TSParser();
        p.setLanguage(new TreeSitterPython());
        return p;
    });

    private PythonParser() {
    }

    /** Parses {@code bytes} (UTF-8) of the file at {@code path} (relative to the scanned root). */
    public static PyFile parse(String path, byte[] bytes) {
        return parse(path, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses {@code source} of the file at {@code path} (relative to the scanned root). */
    public static PyFile parse(String path, String source) {
        // Node offsets are UTF-8 byte offsets of exactly this string, so keep its encoding (not the raw file bytes,
        // which may hold invalid UTF-8 that decoding replaced).
        PyFile file = new PyFile(path, source.getBytes(StandardCharsets.UTF_8));
        TSParser parser = PARSER.get();
        TSTree tree = parser.parseStringEncoding(null, source, TSInputEncoding.TSInputEncodingUTF8);
        List<PyFile.SyntaxProblem> problems = new ArrayList<>();
        file.root(copy(file, tree.getRootNode(), problems));
        file.problems(problems);
        return file;
    }

    private static PyNode copy(PyFile file, TSNode rootNode, List<PyFile.SyntaxProblem> problems) {
        TSTreeCursor cursor = new TSTreeCursor(rootNode);
        PyNode root = node(file, cursor.currentNode(), null, problems);
        Deque<PyNode> stack = new ArrayDeque<>();
        stack.push(root);
        if (!cursor.gotoFirstChild()) {
            return root;
        }
        while (true) {
            TSNode n = cursor.currentNode();
            PyNode pn = node(file, n, cursor.currentFieldName(), problems);
            stack.peek().add(pn);
            if (cursor.gotoFirstChild()) {
                stack.push(pn);
                continue;
            }
            while (!cursor.gotoNextSibling()) {
                if (!cursor.gotoParent()) {
                    return root;
                }
                stack.pop();
                if (stack.isEmpty()) {
                    return root;
                }
            }
        }
    }

    private static PyNode node(PyFile file, TSNode n, String field, List<PyFile.SyntaxProblem> problems) {
        var p = n.getStartPoint();
        String type = n.getType();
        PyNode pn = new PyNode(file, type, field, n.isNamed(), n.getStartByte(), n.getEndByte(), p.getRow() + 1,
                p.getColumn() + 1);
        if (n.isError()) {
            problems.add(new PyFile.SyntaxProblem(pn.line(), pn.column(), "cannot parse this Python code"));
        } else if (n.isMissing()) {
            problems.add(new PyFile.SyntaxProblem(pn.line(), pn.column(), "expected '" + type + "' here"));
        }
        return pn;
    }
}
