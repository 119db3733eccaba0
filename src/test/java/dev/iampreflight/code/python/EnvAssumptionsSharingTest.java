package dev.iampreflight.code.python;

import dev.iampreflight.code.ModuleFacts;
import org.junit.jupiter.api.Test;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The facts guarding names and calls are kept once per distinct set of a file, with the same contents. */
class EnvAssumptionsSharingTest {

    private static final String SOURCE = """
            import os

            def handler(event):
                os.environ["TABLE"]
                table = load(event)
                other = load(table)
                setup()
                return save(other, event)

            def second():
                os.environ["TABLE"]
                return load(1)
            """;

    @Test
    void equalSetsOfFactsAreOneObjectWithTheSameFacts() {
        Map<String, ModuleFacts.Assumptions> all = EnvAssumptions.of(PythonParser.parse("m.py", SOURCE));
        ModuleFacts.Assumptions h = all.get("handler");
        Set<String> table = Set.of("env:TABLE");
        Set<String> tableSetup = Set.of("env:TABLE", "call:load", "call:setup");
        assertEquals(table, h.guardedNames().get("load"));
        assertEquals(tableSetup, h.guardedNames().get("save"));
        assertEquals(Map.of("load", table), all.get("second").guardedNames());
        // One object for each distinct set, across the units of the file, names and calls alike.
        Map<Set<String>, Set<String>> seen = new java.util.HashMap<>();
        IdentityHashMap<Set<String>, Boolean> objects = new IdentityHashMap<>();
        for (ModuleFacts.Assumptions a : all.values()) {
            for (Set<String> s : a.guardedNames().values()) {
                assertSame(seen.computeIfAbsent(s, k -> s), s, "two copies of " + s);
                objects.put(s, true);
            }
            for (Set<String> s : a.guardedCalls().values()) {
                assertSame(seen.computeIfAbsent(s, k -> s), s, "two copies of " + s);
                objects.put(s, true);
            }
        }
        assertEquals(seen.size(), objects.size());
        assertEquals(true, seen.containsKey(table) && seen.containsKey(tableSetup));
    }
}
