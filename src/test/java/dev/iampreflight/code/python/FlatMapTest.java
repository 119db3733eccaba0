package dev.iampreflight.code.python;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FlatMap} against a plain {@code HashMap} under random operations. */
class FlatMapTest {

    /** A key whose hash collides with many others (a record hashing to a few values), and equal but not identical. */
    record Key(int id) {
        @Override
        public int hashCode() {
            return id % 7;
        }
    }

    @Test
    void randomOperationsAgreeWithHashMap() {
        for (long seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            FlatMap<Object, Integer> flat = new FlatMap<>();
            Map<Object, Integer> model = new HashMap<>();
            int range = 1 + r.nextInt(seed % 2 == 0 ? 50 : 3000);
            for (int op = 0; op < 5000; op++) {
                // Equal keys are fresh objects: lookups must go by equals, not identity.
                Object k = r.nextBoolean() ? new Key(r.nextInt(range)) : Integer.valueOf(r.nextInt(range) * 31);
                switch (r.nextInt(6)) {
                    case 0, 1 -> {
                        int v = r.nextInt();
                        assertEquals(model.put(k, v), flat.put(k, v), "put " + k);
                    }
                    case 2 -> assertEquals(model.get(k), flat.get(k), "get " + k);
                    case 3 -> assertEquals(model.containsKey(k), flat.containsKey(k), "containsKey " + k);
                    case 4 -> {
                        int o = op;
                        Integer v = model.computeIfAbsent(k, x -> o);
                        assertEquals(v, flat.computeIfAbsent(k, x -> o), "computeIfAbsent " + k);
                    }
                    default -> {
                        if (r.nextInt(400) == 0) {
                            model.clear();
                            flat.clear();
                        } else {
                            assertEquals(model.getOrDefault(k, -1), flat.getOrDefault(k, -1));
                        }
                    }
                }
                assertEquals(model.size(), flat.size());
            }
            Map<Object, Integer> seen = new HashMap<>();
            flat.forEach((k, v) -> assertNull(seen.put(k, v), "a key listed twice"));
            assertEquals(model, seen);
            flat.replaceValues(v -> v + 1);
            model.replaceAll((k, v) -> v + 1);
            for (Map.Entry<Object, Integer> e : model.entrySet()) {
                assertEquals(e.getValue(), flat.get(e.getKey()));
            }
        }
    }

    /** Every node of a parsed file, each a fresh view (as the analysis makes them), in preorder. */
    private static java.util.List<PyNode> nodes(PyFile f) {
        java.util.List<PyNode> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<PyNode> todo = new java.util.ArrayDeque<>();
        todo.push(f.root());
        while (!todo.isEmpty()) {
            PyNode n = todo.pop();
            out.add(n);
            n.children().forEach(todo::push);
        }
        return out;
    }

    @Test
    void nodeKeysMixedWithOtherKeysAgreeWithHashMap() {
        // Two files with the same text: their nodes have the same indexes, and must stay apart.
        PyFile a = PythonParser.parse("a.py", "x = f(1, y)\nif x:\n    g(x, 'a')\n");
        PyFile b = PythonParser.parse("a.py", "x = f(1, y)\nif x:\n    g(x, 'a')\n");
        java.util.List<PyNode> na = nodes(a);
        java.util.List<PyNode> nb = nodes(b);
        for (long seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            FlatMap<Object, Integer> flat = new FlatMap<>();
            Map<Object, Integer> model = new HashMap<>();
            for (int op = 0; op < 3000; op++) {
                int pick = r.nextInt(10);
                // A node key is a fresh view each time (equal, not identical); files and other keys go in as they are.
                Object k = pick < 4 ? new PyNode(a, na.get(r.nextInt(na.size())).index())
                        : pick < 7 ? new PyNode(b, nb.get(r.nextInt(nb.size())).index())
                        : pick == 7 ? (r.nextBoolean() ? a : b)
                        : pick == 8 ? Integer.valueOf(r.nextInt(na.size()))
                        : new Key(r.nextInt(40));
                switch (r.nextInt(5)) {
                    case 0, 1 -> {
                        int v = r.nextInt();
                        assertEquals(model.put(k, v), flat.put(k, v), "put " + k);
                    }
                    case 2 -> assertEquals(model.get(k), flat.get(k), "get " + k);
                    case 3 -> assertEquals(model.containsKey(k), flat.containsKey(k), "containsKey " + k);
                    default -> {
                        if (r.nextInt(300) == 0) {
                            model.clear();
                            flat.clear();
                        } else {
                            int o = op;
                            assertEquals(model.computeIfAbsent(k, x -> o), flat.computeIfAbsent(k, x -> o));
                        }
                    }
                }
                assertEquals(model.size(), flat.size());
            }
            Map<Object, Integer> seen = new HashMap<>();
            flat.forEach((k, v) -> assertNull(seen.put(k, v), "a key listed twice"));
            // The views forEach makes again are equal to the keys put: same file, same node.
            assertEquals(model, seen);
            for (Object k : seen.keySet()) {
                if (k instanceof PyNode n) {
                    PyNode orig = (n.file() == a ? na : nb).stream().filter(n::equals).findFirst().orElseThrow();
                    assertEquals(orig.type(), n.type());
                    assertEquals(orig.text(), n.text());
                }
            }
        }
    }

    @Test
    void emptyAndClearedMapsAnswerNothing() {
        FlatMap<String, String> m = new FlatMap<>();
        assertTrue(m.isEmpty());
        assertNull(m.get("a"));
        assertFalse(m.containsKey("a"));
        for (int i = 0; i < 1000; i++) {
            m.put("k" + i, "v" + i);
        }
        assertEquals(1000, m.size());
        m.clear();
        assertTrue(m.isEmpty());
        assertNull(m.get("k1"));
        m.put("k1", "again");
        assertEquals("again", m.get("k1"));
        assertEquals(1, m.size());
    }

    @Test
    void nullKeysAndValuesAreRefused() {
        FlatMap<String, String> m = new FlatMap<>();
        assertThrows(NullPointerException.class, () -> m.put(null, "x"));
        assertThrows(NullPointerException.class, () -> m.put("x", null));
        assertNull(m.computeIfAbsent("y", k -> null));
        assertFalse(m.containsKey("y"));
    }
}
