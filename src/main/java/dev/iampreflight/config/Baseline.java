package dev.iampreflight.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.core.AtomicFiles;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.fix.JsonLayout;
import dev.iampreflight.report.Fingerprints;
import dev.iampreflight.report.Report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Known findings to leave out of a report ({@code --baseline FILE}), so a project can adopt the tool and fail only on
 * new problems. Findings are identified by {@link Fingerprints} (rule, target, action, resource, file; not the line),
 * so moving code does not make an old finding new. Each fingerprint carries a count: a baseline with one finding
 * does not hide a second identical call added later.
 */
public record Baseline(Map<String, Integer> counts) {

    public static final int VERSION = 1;

    /** The baseline as read and the problems found in the file. */
    public record Loaded(Baseline baseline, List<dev.iampreflight.core.Finding> findings) {
        public Loaded {
            findings = List.copyOf(findings);
        }
    }

    public Baseline {
        counts = Map.copyOf(counts);
    }

    public static Baseline of(List<Finding> findings, Path root) {
        Map<String, Integer> counts = new HashMap<>();
        for (Finding f : findings) {
            counts.merge(fingerprint(f, root), 1, Integer::sum);
        }
        return new Baseline(counts);
    }

    private static String fingerprint(Finding f, Path root) {
        return Fingerprints.of(f, Report.relativize(root, f.location().file()));
    }

    /** The findings that are not in this baseline (beyond the count recorded for their fingerprint). */
    public List<Finding> filter(List<Finding> findings, Path root) {
        Map<String, Integer> left = new HashMap<>(counts);
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            String fp = fingerprint(f, root);
            int n = left.getOrDefault(fp, 0);
            if (n > 0) {
                left.put(fp, n - 1);
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Writes the baseline of {@code findings} to {@code file} atomically. Each entry also names the rule, file,
     * target and request so that a reviewer can read what the baseline accepts; only the fingerprint is used.
     */
    public static void write(Path file, List<Finding> findings, Path root) throws IOException {
        record Row(String fingerprint, Finding f, String file) {
        }
        Map<String, Row> rows = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Finding f : findings) {
            String rel = Report.relativize(root, f.location().file());
            String fp = Fingerprints.of(f, rel);
            rows.putIfAbsent(fp, new Row(fp, f, rel));
            counts.merge(fp, 1, Integer::sum);
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing((Row r) -> r.file()).thenComparing(r -> r.f().ruleId())
                .thenComparing(Row::fingerprint));
        ObjectMapper m = new ObjectMapper();
        ObjectNode root2 = m.createObjectNode();
        root2.put("version", VERSION);
        root2.put("tool", "iam-preflight");
        ArrayNode arr = root2.putArray("findings");
        for (Row r : sorted) {
            ObjectNode o = arr.addObject();
            o.put("fingerprint", r.fingerprint());
            o.put("count", counts.get(r.fingerprint()));
            o.put("ruleId", r.f().ruleId());
            o.put("file", r.file());
            r.f().target().ifPresent(t -> o.put("target", t));
            r.f().action().ifPresent(a -> o.put("action", a));
            r.f().resource().ifPresent(a -> o.put("resource", a));
            o.put("message", r.f().message());
        }
        AtomicFiles.write(file, JsonLayout.twoSpaces().write(root2) + "\n");
    }

    /** Reads a baseline file; problems are located findings and the entries that could be read are kept. */
    public static Loaded read(Path file, String displayName) {
        TreeReader.Result tree = TreeReader.read(file, displayName, TreeReader.Format.JSON);
        List<Finding> problems = new ArrayList<>(tree.findings());
        Map<String, Integer> counts = new HashMap<>();
        if (tree.root().isPresent()) {
            Node root = tree.root().get();
            java.util.Optional<Node> list = root instanceof dev.iampreflight.core.tree.ObjectNode o
                    ? o.get("findings") : java.util.Optional.empty();
            if (list.isEmpty() || !(list.get() instanceof dev.iampreflight.core.tree.ArrayNode a)) {
                problems.add(new Finding(ReservedRules.BAD_SHAPE, Severity.ERROR,
                        "'" + displayName + "' is not an iam-preflight baseline: expected an object with a "
                                + "'findings' list (write one with --write-baseline)", root.location()));
            } else {
                for (Node item : a.items()) {
                    if (item instanceof dev.iampreflight.core.tree.ObjectNode e
                            && e.get("fingerprint").orElse(null) instanceof ScalarNode fp && fp.isString()) {
                        int count = 1;
                        if (e.get("count").orElse(null) instanceof ScalarNode c
                                && c.kind() == ScalarNode.Kind.NUMBER) {
                            try {
                                count = Math.max(1, Integer.parseInt(c.text()));
                            } catch (NumberFormatException ex) {
                                problems.add(new Finding(ReservedRules.BAD_SHAPE, Severity.ERROR,
                                        "count '" + c.text() + "' is not a whole number", c.location()));
                            }
                        }
                        counts.merge(fp.text(), count, Integer::sum);
                    } else {
                        problems.add(new Finding(ReservedRules.BAD_SHAPE, Severity.ERROR,
                                "a baseline entry must be an object with a string 'fingerprint'", item.location()));
                    }
                }
            }
        }
        return new Loaded(new Baseline(counts), problems);
    }
}
