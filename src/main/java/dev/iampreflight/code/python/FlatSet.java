package dev.iampreflight.code.python;

/**
 * A hash set of the analysis's many small sets (each flow's placed bindings): keys in one array, probed linearly, and
 * each key's hash in an int array, so an element costs 8 bytes a slot where a {@link FlatMap} with a constant value
 * costs 12 (its value slot) and a {@code HashSet} a 32-byte node and a slot. Probing and growth are those of
 * {@code FlatMap} (at most three quarters full, growing by half).
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

    private static int hash(Object key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The first slot a hash probes in a table of {@code n}: its high bits scaled to {@code n}. */
    private static int home(int h, int n) {
        return (int) (((h & 0xFFFFFFFFL) * n) >>> 32);
    }

    /** The slot of {@code key}, or of the empty slot where it would go. */
    private static int find(Object key, int h, Object[] ks, int[] hs) {
        int n = ks.length;
        int i = home(h, n);
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
        return keys[find(key, hash(key), keys, hashes)] != null;
    }

    /** Adds {@code key}; whether it was not in already. */
    boolean add(K key) {
        if (key == null) {
            throw new NullPointerException();
        }
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        int h = hash(key);
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
        Object[] ks = new Object[n == 0 ? 4 : n + (n >> 1)];
        int[] hs = new int[ks.length];
        for (int i = 0; i < n; i++) {
            if (old[i] != null) {
                int h = oldHashes[i];
                // Every key is distinct: the first empty slot of its probe sequence is its place.
                int j = home(h, ks.length);
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
