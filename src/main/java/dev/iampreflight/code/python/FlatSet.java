package dev.iampreflight.code.python;

/**
 * A hash set of the analysis's many small sets (each flow's placed bindings): keys in one array, probed linearly, and
 * each key's hash in an int array, so an element costs 8 bytes a slot where a {@link FlatMap} with a constant value
 * costs 12 (its value slot) and a {@code HashSet} a 32-byte node and a slot. Hashing, probing and growth are
 * {@link FlatMap}'s (at most three quarters full, growing by half).
 *
 * <p>Elements are never null and only added; they use {@code equals}/{@code hashCode}. No iteration: the analysis
 * only asks whether an element is in. Not thread-safe, like the analysis that owns it.
 */
final class FlatSet<K> {

    private static final Object[] EMPTY = {};
    private static final int[] NO_HASHES = {};

    private Object[] keys = EMPTY;
    /** The hash of the key at {@code keys[i]}. */
    private int[] hashes = NO_HASHES;
    private int size;

    int size() {
        return size;
    }

    /** The slot of {@code key}, or of the empty slot where it would go. */
    private static int find(Object key, int h, Object[] ks, int[] hs) {
        int n = ks.length;
        int i = FlatMap.home(h, n);
        while (true) {
            Object k = ks[i];
            if (k == null || hs[i] == h && (k == key || k.equals(key))) {
                return i;
            }
            if (++i == n) {
                i = 0;
            }
        }
    }

    boolean contains(Object key) {
        if (size == 0) {
            return false;
        }
        return keys[find(key, FlatMap.hash(key), keys, hashes)] != null;
    }

    /** Adds {@code key}; whether it was not in already. */
    boolean add(K key) {
        if (key == null) {
            throw new NullPointerException();
        }
        if (FlatMap.mustGrow(size, keys.length)) {
            grow();
        }
        int h = FlatMap.hash(key);
        int i = find(key, h, keys, hashes);
        if (keys[i] != null) {
            return false;
        }
        keys[i] = key;
        hashes[i] = h;
        size++;
        return true;
    }

    private void grow() {
        Object[] old = keys;
        int[] oldHashes = hashes;
        int n = old.length;
        Object[] ks = new Object[FlatMap.grown(n)];
        int[] hs = new int[ks.length];
        for (int i = 0; i < n; i++) {
            if (old[i] != null) {
                int h = oldHashes[i];
                // Every key is distinct: the first empty slot of its probe sequence is its place.
                int j = FlatMap.home(h, ks.length);
                while (ks[j] != null) {
                    if (++j == ks.length) {
                        j = 0;
                    }
                }
                ks[j] = old[i];
                hs[j] = h;
            }
        }
        keys = ks;
        hashes = hs;
    }
}
