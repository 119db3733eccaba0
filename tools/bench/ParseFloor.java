import org.treesitter.TSInputEncoding;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The floor the tree-sitter binding sets for the parse phase of a large `check`: parses every .py file under a folder
 * with the same binding and input reader as PythonParser, on N threads, and optionally walks each tree with a cursor
 * reading every node once (what copying a tree needs at least). Nothing else: no copy, no analysis. Two rounds each.
 * Mode {@code copy} runs the tool's own parse instead (PythonParser.parse: tree-sitter's parse and the copy into a
 * PyTree, what a `check` does per file before its analysis), for the distance between the floor and the tool.
 *
 *   java -cp target/iam-preflight.jar tools/bench/ParseFloor.java DIR 2 parse    # or: walk, copy
 *
 * Figures in docs/performance.md ("End of the eighth session").
 */
public class ParseFloor {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".py")).collect(Collectors.toList());
        }
        int threads = Integer.parseInt(args[1]);
        boolean walk = args[2].equals("walk");
        boolean copy = args[2].equals("copy");
        long bytes = 0;
        List<byte[]> sources = new ArrayList<>();
        for (Path p : files) {
            byte[] b = Files.readAllBytes(p);
            bytes += b.length;
            sources.add(b);
        }
        ThreadLocal<TSParser> parsers = ThreadLocal.withInitial(() -> {
            TSParser p = new TSParser();
            p.setLanguage(new TreeSitterPython());
            return p;
        });
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                byte[] b = sources.get(i);
                String path = files.get(i).toString();
                results.add(pool.submit(() -> {
                    if (copy) {
                        dev.iampreflight.code.python.PythonParser.parse(path, b);
                        return 0L;
                    }
                    TSTree tree = parsers.get().parse(new byte[64 * 1024], null, (buf, off, point) -> {
                        int n = Math.max(0, Math.min(buf.length, b.length - off));
                        System.arraycopy(b, off, buf, 0, n);
                        return n;
                    }, TSInputEncoding.TSInputEncodingUTF8);
                    long nodes = 0;
                    if (walk) {
                        TSTreeCursor cursor = new TSTreeCursor(tree.getRootNode());
                        outer:
                        while (true) {
                            TSNode n = cursor.currentNode();
                            nodes += n == null ? 0 : 1;
                            if (cursor.gotoFirstChild()) {
                                continue;
                            }
                            while (!cursor.gotoNextSibling()) {
                                if (!cursor.gotoParent()) {
                                    break outer;
                                }
                            }
                        }
                    }
                    return nodes;
                }));
            }
            long nodes = 0;
            for (Future<Long> f : results) {
                nodes += f.get();
            }
            pool.shutdown();
            System.out.printf("%s, round %d: %d files, %.1f MB, %d nodes walked, %.2f s wall%n", args[2], round,
                    files.size(), bytes / 1e6, nodes, (System.nanoTime() - t0) / 1e9);
        }
    }
}
