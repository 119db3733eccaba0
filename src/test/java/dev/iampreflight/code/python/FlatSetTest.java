package dev.iampreflight.code.python;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link FlatSet} against a plain {@code HashSet} under random operations. */
class FlatSetTest {

    @Test
    void randomOperationsAgreeWithHashSet() {
        for (long seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            FlatSet<Object> flat = new FlatSet<>();
            Set<Object> model = new HashSet<>();
            int range = 1 + r.nextInt(seed % 2 == 0 ? 50 : 3000);
            for (int op = 0; op < 5000; op++) {
                // Equal elements are fresh objects (lookups go by equals), some hashing alike (probes past them).
                Object k = r.nextBoolean() ? new FlatMapTest.Key(r.nextInt(range))
                        : Integer.valueOf(r.nextInt(range) * 31);
                if (r.nextInt(3) == 0) {
                    assertEquals(model.add(k), flat.add(k), "add " + k);
                } else {
                    assertEquals(model.contains(k), flat.contains(k), "contains " + k);
                }
                assertEquals(model.size(), flat.size());
            }
            for (Object k : model) {
                assertEquals(true, flat.contains(k), "kept " + k);
            }
        }
    }

    @Test
    void emptySetHoldsNothingAndNullIsRefused() {
        FlatSet<Object> s = new FlatSet<>();
        assertFalse(s.contains("a"));
        assertEquals(0, s.size());
        assertThrows(NullPointerException.class, () -> s.add(null));
    }
}
