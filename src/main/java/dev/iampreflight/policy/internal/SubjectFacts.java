package dev.iampreflight.policy.internal;

import java.util.BitSet;
import java.util.List;

/**
 * What a decision with unknown parts asks about one list of patterns, the first of which is the subject (the
 * request's resource, or an "allowed for" candidate) and the others the resource patterns of the statements that
 * apply apart from their resource: each pattern's status over the subject's values (matches none, every or some),
 * the filler character, the subject's witness values and a value in common with each pattern, each value with the set
 * of patterns that match it.
 *
 * <p>Every fact is a function of the list alone, made from the same {@link PairMemo} answers as before, so it may be
 * kept across decisions like a pair answer ({@link PairMemo#facts}). A decision that reads kept facts looks each list
 * up once and then reads arrays, where it asked a few dozen questions of the store (one per pattern and witness).
 *
 * <p>Thread-safe: the statuses are made in the constructor; the values are made on first use and published through
 * final fields, so a racing reader sees either nothing (and makes the same value again) or the whole value.
 */
public final class SubjectFacts {

    /** The pattern matches no value of the subject. */
    public static final byte NO = 0;
    /** The pattern matches every value of the subject (proven by {@link GlobPairs#surelyIncludes}). */
    public static final byte YES = 1;
    /** The pattern matches some values of the subject, or is not proven to match every one. */
    public static final byte MAYBE = 2;

    /** A value of the subject and the indexes of the patterns that match it (do not modify it). */
    public record Value(String value, BitSet matching) {
    }

    private static final Value NONE = new Value(null, null);

    private final List<Glob> globs;
    private final byte[] status;
    private final char filler;
    private final int longest;
    private volatile Value[] witnesses;
    private final Value[] common;

    /** {@code globs} is not copied: the caller does not change it afterwards. */
    SubjectFacts(List<Glob> globs, PairMemo memo) {
        this.globs = globs;
        Glob subject = globs.get(0);
        this.status = new byte[globs.size()];
        for (int g = 1; g < status.length; g++) {
            Glob pg = globs.get(g);
            status[g] = !memo.intersects(subject, pg) ? NO : memo.surelyIncludes(pg, subject) ? YES : MAYBE;
        }
        this.filler = GlobPairs.filler(globs);
        int n = 0;
        for (Glob g : globs) {
            n = Math.max(n, g.length());
        }
        this.longest = n;
        this.common = new Value[globs.size()];
    }

    /** The status of pattern {@code g} (1 or more) over the subject's values: {@link #NO}, {@link #YES}, {@link #MAYBE}. */
    public byte status(int g) {
        return status[g];
    }

    /** {@link GlobPairs#filler} of the list. */
    public char filler() {
        return filler;
    }

    /** {@link GlobPairs#witnesses} of the subject (stretched past the longest pattern), with their matches. */
    public Value[] witnesses(PairMemo memo) {
        Value[] w = witnesses;
        if (w == null) {
            String[] values = memo.witnesses(globs.get(0), filler, longest);
            w = new Value[values.length];
            for (int i = 0; i < values.length; i++) {
                w[i] = value(values[i], memo);
            }
            witnesses = w;
        }
        return w;
    }

    /** {@link GlobPairs#commonMember} of the subject and pattern {@code g}, with its matches; null when none. */
    public Value common(int g, PairMemo memo) {
        Value v = common[g];
        if (v == null) {
            String s = memo.commonMember(globs.get(0), globs.get(g), filler);
            v = s == null ? NONE : value(s, memo);
            common[g] = v;
        }
        return v == NONE ? null : v;
    }

    private Value value(String s, PairMemo memo) {
        BitSet matching = new BitSet(globs.size());
        for (int g = 0; g < globs.size(); g++) {
            if (memo.matches(globs.get(g), s)) {
                matching.set(g);
            }
        }
        return new Value(s, matching);
    }
}
