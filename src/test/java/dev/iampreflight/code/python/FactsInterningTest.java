package dev.iampreflight.code.python;

import dev.iampreflight.code.ModuleFacts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The facts of every file and the index keep one copy of each name (the facts live for the whole run), and the
 * copies iterate exactly as the sets and maps they were made from would have.
 */
class FactsInterningTest {

    private static final String SOURCE = """
            import os
            from helpers import load, save as store

            def handle_order(event):
                os.environ["TABLE"]
                item = load(event)
                return store(item)

            class Orders:
                def fetch_all(self, key):
                    return load(key).fetch_all()
            """;

    @Test
    void namesAreSharedAcrossFilesAndWithTheIndex() {
        ModuleFacts a = FactsExtractor.of(PythonParser.parse("a.py", SOURCE));
        ModuleFacts b = FactsExtractor.of(PythonParser.parse("b.py", SOURCE));
        assertEquals(a.units().keySet(), b.units().keySet());
        for (String q : a.units().keySet()) {
            String other = b.units().keySet().stream().filter(q::equals).findFirst().orElseThrow();
            assertSame(q, other);
            assertSame(a.units().get(q).qualifiedName(), b.units().get(q).qualifiedName());
            assertSame(a.units().get(q).name(), b.units().get(q).name());
            for (String r : a.units().get(q).refs()) {
                assertSame(r, r.intern());
            }
        }
        for (ModuleFacts.Assumptions x : a.assumptions().values()) {
            x.guardedCalls().keySet().forEach(k -> assertSame(k, k.intern()));
            x.calls().forEach(k -> assertSame(k, k.intern()));
        }
        a.imports().forEach(i -> i.names().forEach(n -> assertSame(n, n.intern())));

        Index index = new Index();
        index.add(PythonParser.parse("a.py", SOURCE));
        Index.FunctionInfo f = ((Index.DefB) index.modules.get("a").scope.bindings.get("handle_order").get(0)).f();
        assertSame(a.units().get("handle_order").name(), f.name);
        assertSame(a.units().get("handle_order").qualifiedName(), f.qualifiedName);
        String key = index.callsByName.keySet().stream().filter("load"::equals).findFirst().orElseThrow();
        assertSame("load", key);
    }

    @Test
    void internedCopiesIterateAsTheOriginalCopiesWould() {
        // Fresh strings (not interned), many of them, so the immutable sets and maps have collisions to order.
        Set<String> names = new HashSet<>();
        Map<String, ModuleFacts.Unit> units = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            String n = new String(("n" + i * 7919).toCharArray());
            names.add(n);
            units.put(new String(n.toCharArray()), new ModuleFacts.Unit(n, n, null, false, Set.of()));
        }
        ModuleFacts.Unit u = new ModuleFacts.Unit(new String("q".toCharArray()), "q", null, false, names);
        assertEquals(new ArrayList<>(Set.copyOf(names)), new ArrayList<>(u.refs()));
        ModuleFacts facts = new ModuleFacts("m.py", List.of(), units, names, Map.of());
        assertEquals(new ArrayList<>(Map.copyOf(units).keySet()), new ArrayList<>(facts.units().keySet()));
        assertEquals(new ArrayList<>(Set.copyOf(names)), new ArrayList<>(facts.moduleRefs()));
        facts.units().keySet().forEach(k -> assertSame(k, k.intern()));
    }
}
