package dev.iampreflight.code.python;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Index.NameMap} answers and iterates as the {@code HashMap} it copies. */
class NameMapTest {

    @Test
    void answersAndOrderAreThoseOfTheCopiedHashMap() {
        Random r = new Random(20261202);
        for (int n = 0; n <= 60; n++) {
            Map<String, Integer> model = new HashMap<>();
            while (model.size() < n) {
                model.put("n" + r.nextInt(500), r.nextInt());
            }
            Map<String, Integer> m = Index.NameMap.of(model);
            assertEquals(model.size(), m.size());
            // Iteration order: keys, values and entries, as HashMap's (what LibraryCalls.holders walks).
            assertEquals(new ArrayList<>(model.keySet()), new ArrayList<>(m.keySet()), "keys of " + n);
            assertEquals(new ArrayList<>(model.entrySet()), new ArrayList<>(m.entrySet()), "entries of " + n);
            assertEquals(model, m);
            for (int k = 0; k < 500; k++) {
                // A fresh string each time: lookups go by equals, not identity.
                String key = new String("n" + k);
                assertEquals(model.get(key), m.get(key), key);
                assertEquals(model.containsKey(key), m.containsKey(key), key);
                assertEquals(model.getOrDefault(key, -1), m.getOrDefault(key, -1), key);
            }
            assertEquals(null, m.get(7));
        }
    }

    @Test
    void isReadOnly() {
        Map<String, List<Integer>> m = Index.NameMap.of(new HashMap<>(Map.of("a", List.of(1), "b", List.of(2))));
        assertThrows(UnsupportedOperationException.class, () -> m.put("c", List.of(3)));
        assertThrows(UnsupportedOperationException.class, () -> m.keySet().iterator().remove());
    }
}
