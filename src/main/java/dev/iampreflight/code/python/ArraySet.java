package dev.iampreflight.code.python;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A small read-only set in insertion order, kept as one array: what the evaluator's memo keeps for a result of a few
 * values. The {@code LinkedHashSet} it replaces cost about 270 bytes for two or three values (the set, its map, a
 * table and a linked entry per value) where this costs 40-56; at 1,000 modules the memo's multi-value sets were about
 * 7 MB of the analysis's live data (a heap dump, docs/performance.md, eleventh session). Lookups are linear, which at
 * the sizes kept (at most {@link #MAX}) is as fast as hashing. Equal to and hashed as any set with the same elements.
 */
final class ArraySet<E> extends AbstractSet<E> {

    /** Larger sets stay as they are (lookups in them are not linear). */
    static final int MAX = 32;

    private final Object[] elements;

    private ArraySet(Object[] elements) {
        this.elements = elements;
    }

    /** The set, same order, as an {@code ArraySet} when it has 2 to {@link #MAX} elements; else {@code set} itself. */
    static <E> Set<E> compact(Set<E> set) {
        int n = set.size();
        if (n < 2 || n > MAX || set instanceof ArraySet) {
            return set;
        }
        return new ArraySet<>(set.toArray());
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public boolean contains(Object o) {
        for (Object e : elements) {
            if (e.equals(o)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < elements.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (i >= elements.length) {
                    throw new NoSuchElementException();
                }
                return (E) elements[i++];
            }
        };
    }
}
