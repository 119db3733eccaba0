package dev.iampreflight.require;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.core.SymbolicValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the least-privilege identity policy that grants a set of requirements: each action on exactly the resources
 * the code needs (an unknown segment {@code {?}} becomes {@code *}, the narrowest pattern that still covers it),
 * actions with the same resources grouped into one statement, everything sorted so the output is deterministic.
 */
public final class PolicyWriter {

    private PolicyWriter() {
    }

    public static String write(Collection<Requirement> requirements) {
        // (action, condition) -> resources. A kms:ViaService context becomes a condition: the key may then be used
        // only through that service (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
        Map<String, Set<String>> byAction = new TreeMap<>();
        for (Requirement r : requirements) {
            String resource = r.resource().replace(SymbolicValue.UNKNOWN, "*");
            String via = r.context().getOrDefault("kms:ViaService", "").replace(SymbolicValue.UNKNOWN, "*");
            byAction.computeIfAbsent(r.action() + "\u0000" + via, k -> new TreeSet<>()).add(resource);
        }
        for (Set<String> resources : byAction.values()) {
            if (resources.contains("*")) {
                resources.retainAll(Set.of("*"));
            }
        }
        // (resources, condition) -> actions
        Map<String, Set<String>> groups = new TreeMap<>();
        Map<String, List<String>> resourceLists = new TreeMap<>();
        Map<String, String> conditions = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : byAction.entrySet()) {
            String[] actionVia = e.getKey().split("\u0000", -1);
            String key = String.join("\n", e.getValue()) + "\u0000" + actionVia[1];
            groups.computeIfAbsent(key, k -> new TreeSet<>()).add(actionVia[0]);
            resourceLists.put(key, new ArrayList<>(e.getValue()));
            conditions.put(key, actionVia[1]);
        }
        List<Map.Entry<String, Set<String>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.comparing((Map.Entry<String, Set<String>> g) -> g.getValue().iterator().next())
                .thenComparing(Map.Entry::getKey));
        ObjectMapper om = new ObjectMapper();
        ObjectNode doc = om.createObjectNode();
        doc.put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        int i = 1;
        for (Map.Entry<String, Set<String>> g : ordered) {
            ObjectNode st = statements.addObject();
            st.put("Sid", "Scanned" + i++);
            st.put("Effect", "Allow");
            putList(st, "Action", g.getValue());
            putList(st, "Resource", resourceLists.get(g.getKey()));
            String via = conditions.get(g.getKey());
            if (!via.isEmpty()) {
                st.putObject("Condition").putObject(via.contains("*") ? "StringLike" : "StringEquals")
                        .put("kms:ViaService", via);
            }
        }
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            return om.writer(pp).writeValueAsString(doc).replace("\r\n", "\n") + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putList(ObjectNode st, String name, Collection<String> values) {
        if (values.size() == 1) {
            st.put(name, values.iterator().next());
        } else {
            ArrayNode a = st.putArray(name);
            values.forEach(a::add);
        }
    }
}
