package dev.iampreflight.code.python;

import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iamdata.KnowledgeBase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;

/**
 * Finds the boto3 calls of a Python project. Files are parsed concurrently (one tree-sitter parser per thread); the
 * flow analysis then runs over the whole project at once, because clients cross module boundaries
 * ({@code from chalicelib.db import db}).
 */
public final class PythonScanner {

    /** Directories that hold dependencies, build output or VCS data, never the app's own code. */
    public static final Set<String> SKIPPED_DIRS = Set.of(".venv", "venv", "node_modules", ".git", "build", "dist",
            "target", ".aws-sam", "cdk.out", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", "site-packages",
            "dist-packages");
    /** Files larger than this are generated or vendored code; they are reported and skipped. */
    private static final long MAX_FILE_BYTES = 4L << 20;
    /** Deeply nested code recurses deeply in the analysis: run it on a thread with a large stack. */

    private final List<SdkWrapper> wrappers;
    private final BiPredicate<String, String> isOperation;
    private final int threads;

    /**
     * @param wrappers    declared third-party wrappers ({@link SdkWrapper#BUILT_IN} are always added)
     * @param isOperation whether (boto3 service, method name) is an SDK operation; used to report calls on receivers
     *                    of unknown type as low-confidence matches
     */
    public PythonScanner(List<SdkWrapper> wrappers, BiPredicate<String, String> isOperation) {
        this(wrappers, isOperation, Runtime.getRuntime().availableProcessors());
    }

    public PythonScanner(List<SdkWrapper> wrappers, BiPredicate<String, String> isOperation, int threads) {
        List<SdkWrapper> all = new ArrayList<>(wrappers);
        all.addAll(SdkWrapper.BUILT_IN);
        this.wrappers = List.copyOf(all);
        this.isOperation = isOperation;
        this.threads = Math.max(1, threads);
    }

    /**
     * Reads what the first scan of a process reads before anything else: tree-sitter's native libraries (about 55 ms
     * of a cold start) and the library and boto3 resource models (about 60 ms). {@code Main} runs this on a second
     * thread while picocli builds its model, so a cold {@code check} does not wait for them on a 2-core machine
     * (docs/performance.md, "End to end"). Each is memoised and thread-safe; a failure is left to the scan, which meets
     * it again and reports it.
     */
    public static void warmUp() {
        try {
            PythonParser.warmUp();
            LibraryModels.bundled();
            Boto3Models.bundled();
        } catch (RuntimeException | LinkageError e) {
            // The scan reads them again and reports what failed.
        }
    }

    /** A scanner that knows every SDK operation from the bundled knowledge base. */
    public static PythonScanner withKnowledgeBase(KnowledgeBase kb, List<SdkWrapper> wrappers) {
        return new PythonScanner(wrappers, (service, op) -> kb.sdkOperation(service, op).isPresent());
    }

    /** Scans every {@code .py} file under {@code root}, skipping {@link #SKIPPED_DIRS}; paths are reported relative. */
    public ScanResult scan(Path root) throws IOException {
        return scan(root, List.of());
    }

    /**
     * Scans the {@code .py} files under {@code root} that are, or are under, one of {@code only} (paths relative to
     * root; all of root when empty), so that a target whose code is {@code app.py} and {@code chalicelib/} does not
     * parse the rest of the repository. Paths are reported relative to root.
     */
    public ScanResult scan(Path root, List<String> only) throws IOException {
        List<Path> files = new ArrayList<>();
        if (only.isEmpty()) {
            files.addAll(pythonFiles(root));
        } else {
            for (String o : new java.util.TreeSet<>(only)) {
                Path p = root.resolve(o);
                if (Files.exists(p)) {
                    files.addAll(pythonFiles(p));
                }
            }
            files = new ArrayList<>(new java.util.TreeSet<>(files));
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, dev.iampreflight.code.ModuleFacts> facts = new java.util.concurrent.ConcurrentHashMap<>();
        List<PyFile> parsed = parseAll(root, files, findings, facts);
        DependencyPins pins = DependencyPins.read(Files.isDirectory(root) ? root : root.getParent());
        findings.addAll(LibraryNotes.unmodelled(pins, LibraryModels.bundled()));
        return analyse(parsed, facts, findings, pins);
    }

    /** Scans in-memory sources: relative path -> Python source. */
    public ScanResult scanSources(Map<String, String> sources) {
        List<PyFile> parsed = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(sources).entrySet()) {
            PyFile f = PythonParser.parse(e.getKey(), e.getValue());
            parsed.add(f);
            problems(f, findings);
        }
        return analyse(parsed, Map.of(), findings, DependencyPins.NONE);
    }

    /**
     * The packages and modules that {@code pip install -t DIR} put into {@code dir}, as its {@code *.dist-info} and
     * {@code *.egg-info} folders name them (their {@code top_level.txt}, else the first part of each path in
     * {@code RECORD}): third-party code packaged beside the function's own, never the app's.
     */
    static Set<Path> installedPackages(Path dir) {
        Set<Path> out = new java.util.HashSet<>();
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path meta : (Iterable<Path>) s::iterator) {
                String name = meta.getFileName().toString();
                if (!Files.isDirectory(meta) || !(name.endsWith(".dist-info") || name.endsWith(".egg-info"))) {
                    continue;
                }
                Set<String> tops = new java.util.TreeSet<>();
                Path top = meta.resolve("top_level.txt");
                Path record = meta.resolve("RECORD");
                if (Files.isRegularFile(top)) {
                    for (String line : Files.readAllLines(top, StandardCharsets.UTF_8)) {
                        tops.add(line.strip());
                    }
                } else if (Files.isRegularFile(record)) {
                    for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                        String first = line.split("[/,]", 2)[0].strip();
                        if (!first.isEmpty() && !first.endsWith(".dist-info") && !first.startsWith("..")) {
                            tops.add(first);
                        }
                    }
                }
                for (String t : tops) {
                    if (t.isEmpty() || t.contains("..") || t.startsWith("/")) {
                        continue;
                    }
                    out.add(dir.resolve(t));
                    out.add(dir.resolve(t + ".py"));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // An unreadable folder holds nothing we can skip.
        }
        return out;
    }

    /**
     * The Python files under {@code root}. Symbolic links are followed as the packagers follow them (chalice and the
     * Serverless Framework copy a linked file's content into the package): a link to a {@code .py} file is that file,
     * under the link's name, wherever it points; a link to a folder is walked only when the folder is inside
     * {@code root} and not already walked (a link to an ancestor or a second link to the same folder is not followed
     * again), so the walk stays inside the project and ends.
     */
    public static List<Path> pythonFiles(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        Set<Path> installed = new java.util.HashSet<>();
        Path realRoot = root.toRealPath();
        Set<Path> walked = new java.util.HashSet<>();
        Files.walkFileTree(root, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path real;
                try {
                    real = dir.toRealPath();
                } catch (IOException e) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!real.startsWith(realRoot) || !walked.add(real)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!dir.equals(root) && (SKIPPED_DIRS.contains(dir.getFileName().toString())
                        || Files.exists(dir.resolve("pyvenv.cfg")) || installed.contains(dir)
                        || oldVirtualenvLib(dir))) {
                    // A virtualenv (pyvenv.cfg at its root) or installed packages are third-party code.
                    return FileVisitResult.SKIP_SUBTREE;
                }
                installed.addAll(installedPackages(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (installed.contains(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".py")) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    /**
     * The {@code lib/} of a virtualenv made by virtualenv before release 20, which writes no pyvenv.cfg: beside it
     * a {@code bin/activate}, in it a {@code pythonX.Y} folder (the interpreter's copied standard library and
     * site-packages). An app's folder that is also the virtualenv's root keeps its own code.
     */
    private static boolean oldVirtualenvLib(Path dir) {
        String n = dir.getFileName().toString();
        if (!(n.equals("lib") || n.equals("lib64")) || dir.getParent() == null
                || !Files.isRegularFile(dir.getParent().resolve("bin").resolve("activate"))) {
            return false;
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().matches("python\\d+(\\.\\d+)?"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Parses {@code files} on {@link #threads} threads and reads each one's module facts there too (both are per
     * file); the results keep the order of {@code files}, so the analysis sees the same input on every run.
     */
    private List<PyFile> parseAll(Path root, List<Path> files, List<Finding> findings,
                                  Map<String, dev.iampreflight.code.ModuleFacts> facts) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, files.size())), r -> {
            Thread t = new Thread(r, "iam-preflight-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Path p : files) {
                futures.add(pool.submit(() -> {
                    Object r = parseOne(root, p);
                    if (r instanceof PyFile pf) {
                        try {
                            facts.put(pf.path(), FactsExtractor.of(pf));
                        } catch (RuntimeException | StackOverflowError e) {
                            // Left to the analysis, which reports the file as one it could not analyse.
                        }
                    }
                    return r;
                }));
            }
            List<PyFile> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                Object r = f.get();
                if (r instanceof PyFile pf) {
                    out.add(pf);
                    problems(pf, findings);
                } else {
                    findings.add((Finding) r);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object parseOne(Path root, Path p) {
        String rel = relative(root, p);
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                return new Finding(ReservedRules.UNREADABLE, Severity.WARNING, "skipped: file is larger than "
                        + (MAX_FILE_BYTES >> 20) + " MiB (generated or vendored code?)", SourceLocation.of(rel));
            }
            return PythonParser.parse(rel, dev.iampreflight.core.InputFiles.readPython(p, MAX_FILE_BYTES));
        } catch (dev.iampreflight.core.InputFiles.NotText e) {
            // Python itself would refuse to import the file; its calls stay unknown, the target is still checked.
            return new Finding(ReservedRules.UNPARSABLE, Severity.ERROR, "'" + rel + "' " + e.getMessage()
                    + "; its calls are not checked", e.at(rel));
        } catch (IOException e) {
            return new Finding(ReservedRules.UNREADABLE, Severity.WARNING, "cannot read file: " + e.getMessage(),
                    SourceLocation.of(rel));
        }
    }

    static String relative(Path root, Path p) {
        Path base = Files.isRegularFile(root) ? root.getParent() : root;
        String rel = base == null ? p.toString() : base.relativize(p).toString();
        return rel.replace('\\', '/');
    }

    private static void problems(PyFile f, List<Finding> findings) {
        if (f.problems().isEmpty()) {
            return;
        }
        PyFile.SyntaxProblem first = f.problems().get(0);
        int more = f.problems().size() - 1;
        findings.add(new Finding(ReservedRules.UNPARSABLE, Severity.WARNING, first.message()
                + (more > 0 ? " (and " + more + " more place" + (more == 1 ? "" : "s") + " in this file)" : "")
                + (first.message().startsWith("too many nested") ? ""
                        : "; SDK calls in the rest of the file are still scanned"),
                new SourceLocation(f.path(), first.line(), first.column())));
    }

    private ScanResult analyse(List<PyFile> files, Map<String, dev.iampreflight.code.ModuleFacts> parsedFacts,
                               List<Finding> findings, DependencyPins pins) {
        Map<String, dev.iampreflight.code.ModuleFacts> facts = new java.util.HashMap<>();
        List<Finding> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<SdkCall> found = DeepStack.call("iam-preflight-analysis", () -> {
            Index index = new Index();
            for (PyFile f : files) {
                try {
                    dev.iampreflight.code.ModuleFacts mf = parsedFacts.get(f.path());
                    facts.put(f.path(), mf != null ? mf : FactsExtractor.of(f));
                    index.add(f);
                } catch (RuntimeException | StackOverflowError e) {
                    problems.add(new Finding(ReservedRules.UNPARSABLE, Severity.WARNING, "could not analyse this "
                            + "file (" + e.getClass().getSimpleName() + "); it is left out; please report this",
                            SourceLocation.of(f.path())));
                }
            }
            Evaluator ev = new Evaluator(index, Boto3Models.bundled());
            CallFinder finder = new CallFinder(ev, wrappers, isOperation, pins);
            List<SdkCall> calls = finder.find(index);
            problems.addAll(finder.problems);
            return calls;
        });
        findings.addAll(problems);
        List<SdkCall> calls = dedupe(found);
        calls.sort(Comparator.comparing(SdkCall::location).thenComparing(SdkCall::service)
                .thenComparing(SdkCall::operation));
        findings.sort(Comparator.comparing(Finding::location));
        return new ScanResult(calls, findings, files.size(), facts);
    }

    /** One call per (location, service, operation); a HIGH match wins over a LOW one. */
    private static List<SdkCall> dedupe(List<SdkCall> calls) {
        Map<String, SdkCall> out = new LinkedHashMap<>();
        for (SdkCall c : calls) {
            String key = c.location() + "|" + c.service() + "|" + c.operation();
            SdkCall prev = out.get(key);
            if (prev == null || (prev.confidence() != c.confidence()
                    && c.confidence() == dev.iampreflight.code.Confidence.HIGH)) {
                out.put(key, c);
            }
        }
        return new ArrayList<>(out.values());
    }
}
