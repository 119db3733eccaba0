package dev.iampreflight.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.iampreflight.core.AtomicFiles;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Fix;
import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.policy.AccountField;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code check --fix}: writes the missing permissions into a JSON policy file (a Chalice
 * {@code .chalice/policy-<stage>.json} or any plain policy document). Each missing (action, resource) is merged into
 * a statement that already has the same actions (its resources grow) or the same resources (its actions grow), else
 * appended as a new statement with a Sid {@code IamPreflightAutofixN}. Only unconditional Allow statements with plain
 * Action and Resource are merged into, so the fix never widens a statement's meaning beyond the requested pairs.
 *
 * <p>Nothing outside the edit changes: a file already in the canonical layout of its own indentation (what
 * {@code json.dumps(indent=n)} or an editor writes) is re-serialised in that layout; any other file gets only the
 * edited statements' text replaced and new statements spliced in after the last one. Permissions already allowed
 * are skipped, so a second run changes nothing. A file that is not valid JSON is refused with a located finding.
 */
public final class PolicyFixer {

    /** One permission to allow. */
    public record Permission(String action, String resource) {
    }

    /**
     * What a fix would do to one file: the text before and after, a line per change, and findings that stopped it
     * (then {@code updated} equals {@code original}).
     */
    public record Plan(Path file, String displayName, String original, String updated, List<String> changes,
                       List<Finding> findings) {
        public Plan {
            changes = List.copyOf(changes);
            findings = List.copyOf(findings);
        }

        public boolean changed() {
            return !original.equals(updated);
        }

        /** A unified diff of the change ({@code --fix --dry-run}), empty when nothing changes. */
        public String diff() {
            return Diffs.unified(displayName, original, updated);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SID_PREFIX = "IamPreflightAutofix";

    private PolicyFixer() {
    }

    /**
     * The permissions each policy file should get, from the fixes of {@code findings} that name a policy file
     * (keyed by that file name as the finding gives it, in first-seen order).
     */
    public static Map<String, List<Permission>> requests(List<Finding> findings) {
        Map<String, Set<Permission>> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.fix().isEmpty() || f.fix().get().policyFile().isEmpty()) {
                continue;
            }
            Fix fix = f.fix().get();
            Set<Permission> set = out.computeIfAbsent(fix.policyFile().get(), k -> new LinkedHashSet<>());
            for (String a : fix.actions()) {
                for (String r : fix.resources()) {
                    set.add(new Permission(a, r));
                }
            }
        }
        Map<String, List<Permission>> lists = new LinkedHashMap<>();
        out.forEach((k, v) -> lists.put(k, List.copyOf(v)));
        return lists;
    }

    /** Plans the fix of {@code file}; reading problems become findings of the plan. */
    public static Plan plan(Path file, String displayName, List<Permission> wanted) {
        String text;
        try {
            byte[] bytes = InputFiles.readBytes(file);
            // The byte order mark is kept: plan() plans on the text after it and writes it back.
            text = (InputFiles.hasUtf8Bom(bytes) ? "\uFEFF" : "") + InputFiles.utf8(bytes);
        } catch (InputFiles.NotText e) {
            return refused(file, displayName, "", ReservedRules.UNPARSABLE, e.at(displayName),
                    "'" + displayName + "' " + e.getMessage() + "; it is left unchanged");
        } catch (NoSuchFileException e) {
            return refused(file, displayName, "", ReservedRules.UNREADABLE, SourceLocation.of(displayName),
                    "'" + displayName + "' does not exist; create the policy file first");
        } catch (IOException e) {
            return refused(file, displayName, "", ReservedRules.UNREADABLE, SourceLocation.of(displayName),
                    "'" + displayName + "' cannot be read: " + e.getMessage());
        }
        return plan(file, displayName, text, wanted);
    }

    /** Plans the fix of a policy given as text (pure). */
    public static Plan plan(Path file, String displayName, String text, List<Permission> wanted) {
        if (text.startsWith("\uFEFF")) {
            // Keep a UTF-8 byte order mark (some Windows editors write one) and plan on the text after it.
            Plan inner = plan(file, displayName, text.substring(1), wanted);
            return new Plan(file, displayName, text, "\uFEFF" + inner.updated(), inner.changes(), inner.findings());
        }
        TreeReader.Result tree = TreeReader.parse(text, displayName, TreeReader.Format.JSON);
        List<Finding> errors = new ArrayList<>();
        for (Finding f : tree.findings()) {
            if (f.severity() == Severity.ERROR) {
                errors.add(f);
            }
        }
        if (tree.root().isEmpty() || !errors.isEmpty()) {
            List<Finding> why = new ArrayList<>();
            for (Finding f : errors) {
                why.add(new Finding(f.ruleId(), f.severity(), f.message() + "; the file was left unchanged",
                        f.location()));
            }
            return new Plan(file, displayName, text, text, List.of(), why);
        }
        JsonNode doc;
        try {
            doc = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return refused(file, displayName, text, ReservedRules.UNPARSABLE, new SourceLocation(displayName, 1, 1),
                    "'" + displayName + "' is not valid JSON; the file was left unchanged");
        }
        SourceLocation rootAt = tree.root().get().location();
        if (!(doc instanceof ObjectNode root)) {
            return refused(file, displayName, text, ReservedRules.BAD_SHAPE, rootAt,
                    "'" + displayName + "' is not a policy document (expected a JSON object); left unchanged");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null || !(statementNode.isArray() || statementNode.isObject())) {
            return refused(file, displayName, text, ReservedRules.BAD_SHAPE, rootAt,
                    "'" + displayName + "' has no Statement list to add to; left unchanged");
        }

        List<ObjectNode> statements = new ArrayList<>();
        if (statementNode.isObject()) {
            statements.add((ObjectNode) statementNode);
        } else {
            for (JsonNode s : statementNode) {
                if (s instanceof ObjectNode o) {
                    statements.add(o);
                }
            }
        }
        // Work on copies so the original tree stays available for the layout check.
        List<ObjectNode> edited = new ArrayList<>();
        for (ObjectNode s : statements) {
            edited.add(s.deepCopy());
        }

        List<String> changes = new ArrayList<>();
        Set<Integer> modified = new TreeSet<>();
        correctEmptyAccounts(edited, wanted, changes, modified);
        Map<String, TreeSet<String>> missing = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<Grant> grants = grants(edited);
        for (Permission p : wanted) {
            if (grants.stream().noneMatch(g -> g.allows(p))) {
                missing.computeIfAbsent(p.action(), k -> new TreeSet<>()).add(p.resource());
            }
        }
        if (missing.isEmpty() && modified.isEmpty()) {
            return new Plan(file, displayName, text, text, List.of(), List.of());
        }
        // Actions that need the same resources go into one statement.
        Map<List<String>, List<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, TreeSet<String>> e : missing.entrySet()) {
            groups.computeIfAbsent(List.copyOf(e.getValue()), k -> new ArrayList<>()).add(e.getKey());
        }

        List<ObjectNode> appended = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (ObjectNode s : edited) {
            if (s.get("Sid") != null && s.get("Sid").isTextual()) {
                sids.add(s.get("Sid").textValue());
            }
        }
        for (Map.Entry<List<String>, List<String>> g : groups.entrySet()) {
            List<String> resources = g.getKey();
            List<String> actions = g.getValue();
            boolean merged = false;
            for (int i = 0; i < edited.size() && !merged; i++) {
                ObjectNode s = edited.get(i);
                if (!mergeable(s)) {
                    continue;
                }
                if (sameSet(values(s.get("Action")), actions, true)) {
                    s.set("Resource", addAll(s.get("Resource"), resources, false));
                    changes.add("added " + String.join(", ", resources) + " to the Resource of " + label(s, i));
                    merged = true;
                } else if (sameSet(values(s.get("Resource")), resources, false)) {
                    s.set("Action", addAll(s.get("Action"), actions, true));
                    changes.add("added " + String.join(", ", actions) + " to the Action of " + label(s, i));
                    merged = true;
                }
                if (merged) {
                    modified.add(i);
                }
            }
            if (!merged) {
                ObjectNode n = MAPPER.createObjectNode();
                String sid = nextSid(sids);
                n.put("Sid", sid);
                n.put("Effect", "Allow");
                ArrayNode a = n.putArray("Action");
                actions.forEach(a::add);
                ArrayNode r = n.putArray("Resource");
                resources.forEach(r::add);
                appended.add(n);
                changes.add("added statement '" + sid + "' allowing " + String.join(", ", actions) + " on "
                        + String.join(", ", resources));
            }
        }

        String updated = render(text, root, statementNode, edited, modified, appended);
        return new Plan(file, displayName, text, updated, changes, List.of());
    }

    /**
     * Corrects, in place, a Resource whose account field is empty by mistake (it matches no resource) when the
     * ARN with the wanted permission's account would allow it: the check has diagnosed that ARN, so keeping it
     * beside a new statement would leave a wrong line in the policy. Only a concrete account is written, never a
     * wildcard.
     */
    private static void correctEmptyAccounts(List<ObjectNode> statements, List<Permission> wanted,
                                             List<String> changes, Set<Integer> modified) {
        for (Permission p : wanted) {
            Optional<String> account = AccountField.of(p.resource());
            if (account.isEmpty()) {
                continue;
            }
            for (int i = 0; i < statements.size(); i++) {
                ObjectNode s = statements.get(i);
                if (!mergeable(s) || values(s.get("Action")).stream().noneMatch(a -> Wildcards.matches(a,
                        Wildcards.Syntax.POLICY, Wildcards.Mode.ACTION, p.action()))) {
                    continue;
                }
                List<String> resources = values(s.get("Resource"));
                for (int k = 0; k < resources.size(); k++) {
                    String r = resources.get(k);
                    String corrected = AccountField.with(r, account.get());
                    if (AccountField.emptyByMistake(r) && Wildcards.matches(corrected,
                            Wildcards.Syntax.POLICY, Wildcards.Mode.RESOURCE, p.resource())) {
                        resources.set(k, corrected);
                        JsonNode old = s.get("Resource");
                        if (old.isTextual()) {
                            s.put("Resource", corrected);
                        } else {
                            ArrayNode a = MAPPER.createArrayNode();
                            resources.forEach(a::add);
                            s.set("Resource", a);
                        }
                        changes.add("corrected '" + r + "' to '" + corrected + "' in the Resource of " + label(s, i)
                                + " (an empty account field matches no resource)");
                        modified.add(i);
                    }
                }
            }
        }
    }

    /** Writes a plan that changes something, atomically. Plans with findings are never written. */
    public static boolean apply(Plan plan) throws IOException {
        if (!plan.findings().isEmpty() || !plan.changed()) {
            return false;
        }
        AtomicFiles.write(plan.file(), plan.updated());
        return true;
    }

    private static Plan refused(Path file, String name, String text, String rule, SourceLocation at, String msg) {
        return new Plan(file, name, text, text, List.of(), List.of(new Finding(rule, Severity.ERROR, msg, at)));
    }

    // ---- deciding ----

    /** The Action and Resource patterns of one unconditional Allow statement, compiled once. */
    private record Grant(List<Predicate<String>> actions, List<Predicate<String>> resources) {
        boolean allows(Permission p) {
            return actions.stream().anyMatch(a -> a.test(p.action()))
                    && resources.stream().anyMatch(r -> r.test(p.resource()));
        }
    }

    private static List<Grant> grants(List<ObjectNode> statements) {
        List<Grant> out = new ArrayList<>();
        for (ObjectNode s : statements) {
            if (!"Allow".equals(text(s.get("Effect"))) || s.has("Condition") || !s.has("Action")
                    || !s.has("Resource")) {
                continue;
            }
            out.add(new Grant(values(s.get("Action")).stream().map(a -> glob(a, Wildcards.Mode.ACTION)).toList(),
                    values(s.get("Resource")).stream().map(r -> glob(r, Wildcards.Mode.RESOURCE)).toList()));
        }
        return out;
    }

    /**
     * IAM's wildcard matching as the engine does it ({@code *} any run, {@code ?} one character, an ARN's first five
     * components one by one, actions without regard to case); a {@code {?}} a plan's text may hold is any value.
     */
    static Predicate<String> glob(String pattern, Wildcards.Mode mode) {
        return Wildcards.matcher(pattern, Wildcards.Syntax.POLICY, mode);
    }

    private static boolean mergeable(ObjectNode s) {
        return "Allow".equals(text(s.get("Effect"))) && !s.has("Condition") && !s.has("Principal")
                && !s.has("NotPrincipal") && isStrings(s.get("Action")) && isStrings(s.get("Resource"));
    }

    private static boolean isStrings(JsonNode n) {
        if (n == null) {
            return false;
        }
        if (n.isTextual()) {
            return true;
        }
        if (!n.isArray() || n.isEmpty()) {
            return false;
        }
        for (JsonNode v : n) {
            if (!v.isTextual()) {
                return false;
            }
        }
        return true;
    }

    static List<String> values(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isTextual()) {
            out.add(n.textValue());
        } else if (n.isArray()) {
            for (JsonNode v : n) {
                if (v.isTextual()) {
                    out.add(v.textValue());
                }
            }
        }
        return out;
    }

    private static boolean sameSet(List<String> a, List<String> b, boolean ignoreCase) {
        Comparator<String> cmp = ignoreCase ? String.CASE_INSENSITIVE_ORDER : Comparator.naturalOrder();
        TreeSet<String> x = new TreeSet<>(cmp);
        x.addAll(a);
        TreeSet<String> y = new TreeSet<>(cmp);
        y.addAll(b);
        return x.size() == y.size() && x.containsAll(y);
    }

    /** The value with {@code more} appended (a string becomes a list), skipping values already present. */
    private static ArrayNode addAll(JsonNode existing, List<String> more, boolean ignoreCase) {
        ArrayNode out = MAPPER.createArrayNode();
        Set<String> seen = new HashSet<>();
        for (String v : values(existing)) {
            out.add(v);
            seen.add(ignoreCase ? v.toLowerCase(Locale.ROOT) : v);
        }
        for (String v : more) {
            if (seen.add(ignoreCase ? v.toLowerCase(Locale.ROOT) : v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static String nextSid(Set<String> used) {
        for (int n = 1; ; n++) {
            String sid = SID_PREFIX + n;
            if (used.add(sid)) {
                return sid;
            }
        }
    }

    private static String label(ObjectNode s, int i) {
        return s.get("Sid") != null && s.get("Sid").isTextual() ? "statement '" + s.get("Sid").textValue() + "'"
                : "statement #" + (i + 1);
    }

    private static String text(JsonNode n) {
        return n == null || !n.isTextual() ? null : n.textValue();
    }

    // ---- writing ----

    private static String render(String text, ObjectNode root, JsonNode statementNode, List<ObjectNode> edited,
                                 Set<Integer> modified, List<ObjectNode> appended) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        JsonLayout layout = new JsonLayout(indentUnit(text), newline);
        String trailing = trailingWhitespace(text);

        ObjectNode updatedRoot = root.deepCopy();
        if (statementNode.isObject()) {
            ArrayNode arr = MAPPER.createArrayNode();
            arr.add(edited.get(0));
            appended.forEach(arr::add);
            updatedRoot.set("Statement", appended.isEmpty() ? edited.get(0) : arr);
        } else {
            ArrayNode arr = MAPPER.createArrayNode();
            int k = 0;
            for (JsonNode s : statementNode) {
                arr.add(s instanceof ObjectNode ? edited.get(k++) : s);
            }
            appended.forEach(arr::add);
            updatedRoot.set("Statement", arr);
        }

        String leading = text.substring(0, text.length() - text.stripLeading().length());
        if ((leading + layout.write(root) + trailing).equals(text)) {
            // The file is in its own canonical layout: writing the whole document keeps every other byte.
            return leading + layout.write(updatedRoot) + trailing;
        }
        return splice(text, layout, statementNode, edited, modified, appended, updatedRoot);
    }

    private static String splice(String text, JsonLayout layout, JsonNode statementNode, List<ObjectNode> edited,
                                 Set<Integer> modified, List<ObjectNode> appended, ObjectNode updatedRoot) {
        JsonSpans.Span root = JsonSpans.of(text);
        JsonSpans.Span st = root.members().get("Statement");
        record Edit(int start, int end, String replacement) {
        }
        List<Edit> edits = new ArrayList<>();
        if (statementNode.isObject() || statementNode.isEmpty()) {
            edits.add(new Edit(st.start(), st.end(),
                    layout.write(updatedRoot.get("Statement"), lineIndent(text, st.start()))));
        } else {
            List<JsonSpans.Span> objectItems = new ArrayList<>();
            for (int i = 0; i < st.items().size(); i++) {
                if (statementNode.get(i).isObject()) {
                    objectItems.add(st.items().get(i));
                }
            }
            for (int i : modified) {
                JsonSpans.Span s = objectItems.get(i);
                edits.add(new Edit(s.start(), s.end(), layout.write(edited.get(i), lineIndent(text, s.start()))));
            }
            if (!appended.isEmpty()) {
                JsonSpans.Span last = st.items().get(st.items().size() - 1);
                String indent = itemIndent(text, last.start(), layout);
                StringBuilder sb = new StringBuilder();
                for (ObjectNode n : appended) {
                    sb.append(',').append(layout.newline()).append(indent).append(layout.write(n, indent));
                }
                edits.add(new Edit(last.end(), last.end(), sb.toString()));
            }
        }
        edits.sort(Comparator.comparingInt(Edit::start).reversed());
        StringBuilder out = new StringBuilder(text);
        for (Edit e : edits) {
            out.replace(e.start(), e.end(), e.replacement());
        }
        return out.toString();
    }

    /** The leading whitespace of the line holding {@code offset}. */
    private static String lineIndent(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** The indentation for a new item beside the one at {@code offset}: its own when it starts its line. */
    private static String itemIndent(String text, int offset, JsonLayout layout) {
        String indent = lineIndent(text, offset);
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        return lineStart + indent.length() == offset ? indent : indent + layout.unit();
    }

    /** Two or four spaces, a tab, or whatever the smallest indentation in the file is; two when it has none. */
    static String indentUnit(String text) {
        int min = Integer.MAX_VALUE;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("\t")) {
                return "\t";
            }
            int n = 0;
            while (n < line.length() && line.charAt(n) == ' ') {
                n++;
            }
            if (n > 0) {
                min = Math.min(min, n);
            }
        }
        return min == Integer.MAX_VALUE ? "  " : " ".repeat(min);
    }

    private static String trailingWhitespace(String text) {
        return text.substring(text.stripTrailing().length());
    }
}
