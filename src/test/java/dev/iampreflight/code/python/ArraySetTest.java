package dev.iampreflight.code.python;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link ArraySet}: the set it compacts, in the same order, read-only. */
class ArraySetTest {

    @Test
    void compactSetsAgreeWithTheLinkedHashSetTheyCopy() {
        Random r = new Random(11);
        for (int round = 0; round < 500; round++) {
            Set<Object> source = new LinkedHashSet<>();
            int n = r.nextInt(ArraySet.MAX + 8);
            while (source.size() < n) {
                // Strings and integers with colliding hashes ("Aa" and "BB") among them.
                source.add(r.nextBoolean() ? r.nextInt(60) : List.of("Aa", "BB", "x" + r.nextInt(40)).get(r.nextInt(3)));
            }
            Set<Object> c = ArraySet.compact(source);
            if (n < 2 || n > ArraySet.MAX) {
                assertSame(source, c);
                continue;
            }
            assertEquals(ArraySet.class, c.getClass());
            assertEquals(new ArrayList<>(source), new ArrayList<>(c));
            assertEquals(source, c);
            assertEquals(c, source);
            assertEquals(source.hashCode(), c.hashCode());
            assertEquals(source.size(), c.size());
            for (int i = 0; i < 60; i++) {
                assertEquals(source.contains(i), c.contains(i));
                assertEquals(source.contains("x" + i), c.contains("x" + i));
            }
            assertEquals(source.contains("Aa"), c.contains("Aa"));
            assertEquals(source.contains("BB"), c.contains("BB"));
            assertSame(c, ArraySet.compact(c));
            assertThrows(UnsupportedOperationException.class, () -> c.add("new"));
            assertThrows(UnsupportedOperationException.class, () -> c.iterator().remove());
        }
    }
}
