package dev.iampreflight.report;

import dev.iampreflight.core.Finding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * What {@code check} found: the findings after suppressions and baseline, the deploy targets that were checked
 * (targets without findings count too) and the root that file names are shown relative to. Absolute file names under
 * the root are shown relative to it; relative names are shown as they are, so they must already be relative to the
 * root (use {@link #repositoryRoot} and absolute names when checking a sub-directory of a repository).
 */
public record Report(List<Finding> findings, List<TargetSummary> targets, Path root, Optional<String> failure) {

    /**
     * A report of a run that checked what it found; {@code failure}, when present, says why the run could check
     * nothing (exit 2): reporters still write a valid document, so a CI upload step has a file to upload.
     */
    public Report(List<Finding> findings, List<TargetSummary> targets, Path root) {
        this(findings, targets, root, Optional.empty());
    }

    /** The name reporters use for findings that belong to no deploy target (input and config problems). */
    public static final String NO_TARGET = "(project)";

    /** Target, then file as shown (root-relative), line, column, rule and request: the same bytes on every run. */
    private static Comparator<Finding> order(Path root) {
        return Comparator
                .comparing((Finding f) -> f.target().orElse(""))
                .thenComparing(f -> relativize(root, f.location().file()))
                .thenComparingInt(f -> f.location().line())
                .thenComparingInt(f -> f.location().column())
                .thenComparing(Finding::ruleId)
                .thenComparing(f -> f.action().orElse(""))
                .thenComparing(f -> f.resource().orElse(""))
                .thenComparing(Finding::message);
    }

    public Report {
        root = root == null ? Path.of("") : root;
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(order(root));
        findings = List.copyOf(sorted);
        targets = List.copyOf(targets);
        failure = failure == null ? Optional.empty() : failure.map(dev.iampreflight.core.Printable::escape);
    }

    public Summary summary() {
        int e = 0;
        int w = 0;
        int n = 0;
        for (Finding f : findings) {
            switch (f.severity()) {
                case ERROR -> e++;
                case WARNING -> w++;
                case NOTE -> n++;
            }
        }
        Set<String> names = new LinkedHashSet<>();
        int calls = 0;
        for (TargetSummary t : targets) {
            names.add(t.name());
            calls += t.checkedCalls();
        }
        for (Finding f : findings) {
            f.target().ifPresent(names::add);
        }
        return new Summary(e, w, n, names.size(), calls);
    }

    /**
     * Findings grouped by target name, in a stable order: targets in name order, findings without a target last
     * under {@link #NO_TARGET}; targets that were checked and had no findings are included with an empty list.
     */
    public Map<String, List<Finding>> byTarget() {
        Map<String, List<Finding>> groups = new java.util.TreeMap<>();
        for (TargetSummary t : targets) {
            groups.put(t.name(), new ArrayList<>());
        }
        List<Finding> none = new ArrayList<>();
        for (Finding f : findings) {
            if (f.target().isPresent()) {
                groups.computeIfAbsent(f.target().get(), k -> new ArrayList<>()).add(f);
            } else {
                none.add(f);
            }
        }
        Map<String, List<Finding>> out = new LinkedHashMap<>(groups);
        if (!none.isEmpty()) {
            out.put(NO_TARGET, none);
        }
        return out;
    }

    /** How many SDK calls were checked for {@code target}, or 0 when unknown. */
    public int callsOf(String target) {
        for (TargetSummary t : targets) {
            if (t.name().equals(target)) {
                return t.checkedCalls();
            }
        }
        return 0;
    }

    /**
     * {@code file} as a forward-slash path relative to the root, as SARIF and GitHub want it: absolute paths under
     * the root are made relative; other names are kept as written.
     */
    public String relative(String file) {
        return relativize(root, file);
    }

    /**
     * The root that report file names should be relative to when checking {@code dir}: the enclosing git work tree
     * (the nearest directory with a {@code .git} directory or file), so that SARIF locations are repository-relative
     * as code scanning expects even when only a sub-directory is checked; {@code dir} itself outside a repository.
     */
    public static Path repositoryRoot(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path d = abs; d != null; d = d.getParent()) {
            if (java.nio.file.Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return abs;
    }

    /** {@link #relative} for any root, for callers that have no report (baseline, suppressions). */
    public static String relativize(Path root, String file) {
        if (file.isEmpty()) {
            return file;
        }
        String out = file;
        try {
            Path p = Path.of(file);
            if (p.isAbsolute()) {
                Path r = root.toAbsolutePath().normalize();
                Path n = p.normalize();
                if (n.startsWith(r)) {
                    out = r.relativize(n).toString();
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            // Not a path on this system; keep the name as written.
        }
        out = out.replace('\\', '/');
        return out.startsWith("./") ? out.substring(2) : out;
    }
}
