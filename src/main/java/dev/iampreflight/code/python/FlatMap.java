package dev.iampreflight.code.python;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A hash map for the analysis's large tables (the evaluator's memo, each scope's reads and call guards, the index's
 * bindings by node): keys and values side by side in one array, probed linearly, and each key's hash in an int array,
 * so an entry costs about 16-24 bytes at the load kept here where a {@code HashMap} entry costs a 32-byte node plus
 * its table slot (about 40). At 5,000 modules these tables hold millions of entries (measured in docs/performance.md, issue #10, ninth session).
 *
 * <p>A {@link PyNode} key is kept as its file (in the key's slot) and its index in the file's tree (in an int array
 * made when the first such key comes), not as the view itself: the views kept as keys of these tables were half
 * of the views live at the analysis's peak (a heap dump of 1,000 modules, docs/performance.md, tenth session), 24 bytes
 * each, and a view is rebuilt for {@link #forEach}.
 *
 * <p>Keys and values are never null (a null value reads as absent); keys use {@code equals}/{@code hashCode}.
 * Entries are only added or replaced, never removed one by one ({@link #clear} empties the map), which is all the
 * analysis needs and keeps probing simple. Not thread-safe, like the analysis that owns it.
 */
final class FlatMap<K, V> {

    private static final Object[] EMPTY = {};
    private static final int[] NO_HASHES = {};

    /** Key at {@code 2i}, value at {@code 2i + 1}; the length is twice that of {@link #hashes}. */
    private Object[] slots = EMPTY;
    /** The hash of the key at {@code slots[2i]}. */
    private int[] hashes = NO_HASHES;
    /**
     * For a {@link PyNode} key, its index in its file's tree (the slot holds the file); -1 for any other key. Null
     * until the first node key.
     */
    private int[] nodeIndex;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The hash kept beside a key (its own hash spread over the high bits, which {@link #home} reads). */
    static int hash(Object key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * The first entry a hash probes in a table of {@code n} entries: the hash's high bits scaled to {@code n}
     * (multiply and shift, so {@code n} need not be a power of two and the table can grow by half, not double).
     */
    static int home(int h, int n) {
        return (int) (((h & 0xFFFFFFFFL) * n) >>> 32);
    }

    /**
     * Whether a table of {@code capacity} entries holding {@code size} must grow before one more: at most three
     * quarters of the entries in use, so probes stay short (a miss probes about 8.5 entries at that load, a hit 2.5,
     * linear and beside each other).
     */
    static boolean mustGrow(int size, int capacity) {
        return (size + 1) * 4L > capacity * 3L;
    }

    /**
     * The capacity after {@code n}: half as large again, not twice. The largest table (the memo, millions of entries)
     * is then 1.33-2 entries per key instead of 1.5-3 at two thirds with doubling, and old and new arrays held at once
     * while it grows are 2.5 times the old one instead of 3.
     */
    static int grown(int n) {
        return n == 0 ? 4 : n + (n >> 1);
    }

    /**
     * The slot index (even) of {@code key}, or of the empty slot where it would go. Each slot's hash is kept beside
     * it, so a probe past another key costs an int comparison, not a call of its {@code equals}.
     */
    private static int find(Object key, int h, Object[] s, int[] hs, int[] ni) {
        int n = hs.length;
        int i = home(h, n);
        if (key instanceof PyNode nd) {
            PyFile f = nd.file();
            int x = nd.index();
            while (true) {
                Object k = s[i << 1];
                if (k == null || k == f && hs[i] == h && ni != null && ni[i] == x) {
                    return i << 1;
                }
                if (++i == n) {
                    i = 0;
                }
            }
        }
        while (true) {
            Object k = s[i << 1];
            if (k == null || hs[i] == h && (ni == null || ni[i] < 0) && (k == key || k.equals(key))) {
                return i << 1;
            }
            if (++i == n) {
                i = 0;
            }
        }
    }

    @SuppressWarnings("unchecked")
    V get(Object key) {
        if (size == 0) {
            return null;
        }
        Object[] s = slots;
        return (V) s[find(key, hash(key), s, hashes, nodeIndex) + 1];
    }

    boolean containsKey(Object key) {
        return get(key) != null;
    }

    V getOrDefault(Object key, V otherwise) {
        V v = get(key);
        return v == null ? otherwise : v;
    }

    /** Sets {@code key}'s value; returns the previous one or null. */
    @SuppressWarnings("unchecked")
    V put(K key, V value) {
        if (key == null || value == null) {
            throw new NullPointerException();
        }
        if (mustGrow(size, hashes.length)) {
            grow();
        }
        Object[] s = slots;
        int h = hash(key);
        int i = find(key, h, s, hashes, nodeIndex);
        Object prev = s[i + 1];
        if (s[i] == null) {
            if (key instanceof PyNode n) {
                if (nodeIndex == null) {
                    nodeIndex = new int[hashes.length];
                    java.util.Arrays.fill(nodeIndex, -1);
                }
                s[i] = n.file();
                nodeIndex[i >> 1] = n.index();
            } else {
                s[i] = key;
                if (nodeIndex != null) {
                    nodeIndex[i >> 1] = -1;
                }
            }
            hashes[i >> 1] = h;
            size++;
        }
        s[i + 1] = value;
        return (V) prev;
    }

    V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
        V v = get(key);
        if (v == null) {
            v = make.apply(key);
            if (v != null) {
                put(key, v);
            }
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<? super K, ? super V> action) {
        Object[] s = slots;
        for (int i = 0; i < s.length; i += 2) {
            if (s[i] != null) {
                action.accept((K) key(i), (V) s[i + 1]);
            }
        }
    }

    /** The key at slot {@code i}: a node's view is made again from its file and index. */
    private Object key(int i) {
        Object k = slots[i];
        int x = nodeIndex == null ? -1 : nodeIndex[i >> 1];
        return x < 0 ? k : new PyNode((PyFile) k, x);
    }

    /** Replaces every value by {@code f} of it (a null result is not allowed). */
    @SuppressWarnings("unchecked")
    void replaceValues(Function<? super V, ? extends V> f) {
        Object[] s = slots;
        for (int i = 0; i < s.length; i += 2) {
            if (s[i] != null) {
                Object v = f.apply((V) s[i + 1]);
                if (v == null) {
                    throw new NullPointerException();
                }
                s[i + 1] = v;
            }
        }
    }

    void clear() {
        if (size > 0) {
            // Keep a small table: the evaluator's per-site memo is cleared thousands of times.
            if (slots.length > 64) {
                slots = EMPTY;
                hashes = NO_HASHES;
                nodeIndex = null;
            } else {
                java.util.Arrays.fill(slots, null);
            }
            size = 0;
        }
    }

    private void grow() {
        Object[] old = slots;
        int[] oldHashes = hashes;
        int[] oldIndex = nodeIndex;
        int[] hs = new int[grown(oldHashes.length)];
        Object[] s = new Object[hs.length * 2];
        int[] ni = null;
        if (oldIndex != null) {
            ni = new int[hs.length];
            java.util.Arrays.fill(ni, -1);
        }
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != null) {
                int h = oldHashes[i >> 1];
                // Every key is distinct: the first empty slot of its probe sequence is its place.
                int j = home(h, hs.length) << 1;
                while (s[j] != null) {
                    j += 2;
                    if (j == s.length) {
                        j = 0;
                    }
                }
                s[j] = old[i];
                s[j + 1] = old[i + 1];
                hs[j >> 1] = h;
                if (ni != null) {
                    ni[j >> 1] = oldIndex[i >> 1];
                }
            }
        }
        slots = s;
        hashes = hs;
        nodeIndex = ni;
    }
}
