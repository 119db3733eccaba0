package dev.iampreflight.require;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.code.SymbolicValue;

import java.util.ArrayList;
import java.util.Collection;
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
        // action -> resources
        Map<String, Set<String>> byAction = new TreeMap<>();
        for (Requirement r : requirements) {
            String resource = r.resource().replace(SymbolicValue.UNKNOWN, "*");
            byAction.computeIfAbsent(r.action(), k -> new TreeSet<>()).add(resource);
        }
        for (Set<String> resources : byAction.values()) {
            if (resources.contains("*")) {
                resources.retainAll(Set.of("*"));
            }
        }
        // resources -> actions
        Map<String, Set<String>> byResources = new TreeMap<>();
        Map<String, List<String>> resourceLists = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : byAction.entrySet()) {
            String key = String.join("\n", e.getValue());
            byResources.computeIfAbsent(key, k -> new TreeSet<>()).add(e.getKey());
            resourceLists.put(key, new ArrayList<>(e.getValue()));
        }
        List<Map.Entry<String, Set<String>>> groups = new ArrayList<>(byResources.entrySet());
        groups.sort(Map.Entry.comparingByValue((a, b) -> a.iterator().next().compareTo(b.iterator().next())));
        ObjectMapper om = new ObjectMapper();
        ObjectNode doc = om.createObjectNode();
        doc.put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        int i = 1;
        for (Map.Entry<String, Set<String>> g : groups) {
            ObjectNode st = statements.addObject();
            st.put("Sid", "Scanned" + i++);
            st.put("Effect", "Allow");
            putList(st, "Action", g.getValue());
            putList(st, "Resource", resourceLists.get(g.getKey()));
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
