package dev.iampreflight.code.python;

import org.treesitter.TSInputEncoding;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Python source with tree-sitter and copies the tree into a {@link PyTree}. tree-sitter recovers from syntax
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

    /** Loads tree-sitter's native libraries and the Python grammar: their class initialisers copy them out of the jar. */
    static void warmUp() {
        PARSER.get();
    }

    /** Parses {@code bytes} (UTF-8) of the file at {@code path} (relative to the scanned root). */
    public static PyFile parse(String path, byte[] bytes) {
        return parse(path, new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Trees parsed before a scan that the scan takes instead of parsing the same file again, by path: the source
     * each was parsed from and the tree. Chalice's discovery parses an app's files to evaluate its registrations per
     * stage ({@link DeployTimeValues}); the scan of its functions then reads the same files (1 of isd-consult's 7
     * CPU-s). Only the last batch kept is held, and each tree is taken at most once.
     */
    private static final java.util.Map<String, java.util.Map.Entry<String, PyFile>> KEPT =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Keeps {@code files}, each parsed by {@link #parse(String, String)} from the source of the same index in
     * {@code sources}, for the next parse of the same path and source (replacing what was kept before).
     */
    static void keepForScan(List<PyFile> files, List<String> sources) {
        KEPT.clear();
        for (int i = 0; i < files.size(); i++) {
            KEPT.put(files.get(i).path(), java.util.Map.entry(sources.get(i), files.get(i)));
        }
    }

    /**
     * Parses {@code source} of the file at {@code path} (relative to the scanned root). A tree kept by
     * {@link #keepForScan} for this path and exactly this source is returned instead (once): the same input gives
     * the same tree.
     */
    public static PyFile parse(String path, String source) {
        java.util.Map.Entry<String, PyFile> kept = KEPT.isEmpty() ? null : KEPT.remove(path);
        if (kept != null && kept.getKey().equals(source)) {
            return kept.getValue();
        }
        return parseNew(path, source);
    }

    private static PyFile parseNew(String path, String source) {
        if (source.startsWith("\uFEFF")) {
            // A UTF-8 byte order mark is not Python; tree-sitter would report it as an error.
            source = source.substring(1);
        }
        // Past CPython's bracket limit the file does not compile: parse only the lines before the first opener over
        // it (tree-sitter's recovery on thousands of unclosed openers is slow) and say where Python stops.
        PyFile.SyntaxProblem tooDeep = null;
        int deep = NestingLimit.firstTooDeep(source);
        if (deep >= 0) {
            int lineStart = source.lastIndexOf('\n', deep - 1) + 1;
            int line = 1;
            for (int i = 0; i < lineStart; i++) {
                if (source.charAt(i) == '\n') {
                    line++;
                }
            }
            tooDeep = new PyFile.SyntaxProblem(line, deep - lineStart + 1, "too many nested parentheses: Python "
                    + "allows " + NestingLimit.MAX_LEVEL + " open at once and refuses to compile this file, so none of "
                    + "its code can run; what comes before this line is still scanned, the rest is not");
            source = source.substring(0, lineStart);
        }
        // Node offsets are UTF-8 byte offsets of exactly this string, so keep its encoding (not the raw file bytes,
        // which may hold invalid UTF-8 that decoding replaced).
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        PyFile file = new PyFile(path, utf8);
        TSParser parser = PARSER.get();
        // The bytes go to tree-sitter through a reader: parseStringEncoding hands it the JNI form of the string
        // (modified UTF-8, six bytes per character outside the BMP), whose offsets past an emoji do not match ours.
        TSTree tree = parser.parse(new byte[64 * 1024], null, (buf, offset, point) -> {
            int n = Math.max(0, Math.min(buf.length, utf8.length - offset));
            System.arraycopy(utf8, offset, buf, 0, n);
            return n;
        }, TSInputEncoding.TSInputEncodingUTF8);
        List<PyFile.SyntaxProblem> problems = new ArrayList<>();
        if (tooDeep != null) {
            problems.add(tooDeep);
        }
        file.tree(copy(file, tree.getRootNode(), problems));
        file.problems(problems);
        return file;
    }

    /** Each thread's tree builder, reused from file to file. */
    private static final ThreadLocal<PyTree.Builder> BUILDER = ThreadLocal.withInitial(PyTree.Builder::new);

    private static PyTree copy(PyFile file, TSNode rootNode, List<PyFile.SyntaxProblem> problems) {
        // A tree without errors has no MISSING or ERROR nodes: anonymous tokens (punctuation, keywords) can then be
        // skipped, which halves the native calls. The analysis reads only named nodes.
        boolean clean = !NativeNodes.hasError(rootNode);
        PyTree.Builder tree = BUILDER.get();
        tree.reset();
        TSTreeCursor cursor = new TSTreeCursor(rootNode);
        TSNode rootCopy = cursor.currentNode();
        open(tree, file, rootCopy, NativeNodes.symbol(rootCopy), 0, true, clean, problems);
        if (cursor.gotoFirstChild()) {
            while (true) {
                TSNode n = cursor.currentNode();
                int symbol = NativeNodes.symbol(n);
                boolean named = NativeNodes.typeOf(symbol) != null ? NativeNodes.namedSymbol(symbol)
                        : NativeNodes.named(n);
                if (named || !clean) {
                    open(tree, file, n, symbol, cursor.currentFieldId(), named, clean, problems);
                    if (cursor.gotoFirstChild()) {
                        continue;
                    }
                    tree.close();
                }
                boolean done = false;
                while (!cursor.gotoNextSibling()) {
                    if (!cursor.gotoParent()) {
                        done = true;
                        break;
                    }
                    // Back at a node whose children are all copied (only kept nodes are entered).
                    tree.close();
                }
                if (done) {
                    break;
                }
            }
        }
        return tree.build();
    }

    /**
     * Where an identifier starting at {@code start} ends: identifiers are the most common nodes, and scanning the
     * source is cheaper than asking tree-sitter. Bytes of multi-byte UTF-8 characters count as identifier
     * characters (Python allows Unicode letters in names).
     */
    private static int identifierEnd(byte[] bytes, int start) {
        int i = start;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x80 || b == '_' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static void open(PyTree.Builder tree, PyFile file, TSNode n, int symbol, int fieldId, boolean named,
                             boolean clean, List<PyFile.SyntaxProblem> problems) {
        int typeId = NativeNodes.typeId(symbol, n);
        String type = NativeNodes.typeName(typeId);
        int start = NativeNodes.startByte(n);
        int end = type.equals("identifier") ? identifierEnd(file.bytes(), start) : NativeNodes.endByte(n);
        tree.open(typeId, fieldId, named, start, end);
        if (type.equals("ERROR")) {
            problems.add(new PyFile.SyntaxProblem(file.line(start), file.column(start), "cannot parse this Python code"));
        } else if (!clean && NativeNodes.missing(n)) {
            problems.add(new PyFile.SyntaxProblem(file.line(start), file.column(start), "expected '" + type + "' here"));
        }
    }
}
