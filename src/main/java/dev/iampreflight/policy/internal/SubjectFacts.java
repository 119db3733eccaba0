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
    /**
     * The pattern matches every value of the subject: it equals the subject, or {@link GlobPairs#surelyIncludes}
     * proves it.
     */
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
    /** How many witness values {@link GlobPairs#witnesses} gives. */
    public static final int WITNESSES = GlobPairs.WITNESSES;

    /** The subject's shortest value if the constructor made it, else null. */
    private final String shortest;
    private final Value[] witnesses;
    private final Value[] common;

    /** {@code globs} is not copied: the caller does not change it afterwards. */
    SubjectFacts(List<Glob> globs, PairMemo memo) {
        this.globs = globs;
        Glob subject = globs.get(0);
        this.filler = GlobPairs.filler(globs);
        int n = 0;
        for (Glob g : globs) {
            n = Math.max(n, g.length());
        }
        this.longest = n;
        this.status = new byte[globs.size()];
        // The subject's shortest value, a witness anyway: a pattern that does not match it cannot include the
        // subject, which answers the inclusion test (a table of pairs of positions) for most MAYBE patterns at the
        // cost of one match. surelyIncludes is sound, so it would answer false too: the status is the same.
        String shortest = null;
        for (int g = 1; g < status.length; g++) {
            Glob pg = globs.get(g);
            if (pg.equals(subject)) {
                // The subject's own pattern, or an equal copy (an "allowed for" candidate that is a statement's
                // pattern, or the intersection member that equals it): it matches every value, which surelyIncludes
                // proves by its diagonal after a match of the shortest value.
                status[g] = YES;
                continue;
            }
            if (!memo.intersects(subject, pg)) {
                status[g] = NO;
                continue;
            }
            if (shortest == null) {
                shortest = GlobPairs.shortestMember(subject, filler);
            }
            status[g] = !pg.matches(shortest) ? MAYBE : memo.surelyIncludes(pg, subject) ? YES : MAYBE;
        }
        this.shortest = shortest;
        this.witnesses = new Value[WITNESSES];
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
        Value[] w = new Value[WITNESSES];
        for (int i = 0; i < WITNESSES; i++) {
            w[i] = witness(i, memo);
        }
        return w;
    }

    /**
     * Witness {@code i} (0 to {@link #WITNESSES} - 1) of {@link #witnesses}, made when first asked: a decision that
     * stops at its first values never writes out the stretched one (a few hundred characters).
     */
    public Value witness(int i, PairMemo memo) {
        Value v = witnesses[i];
        if (v == null) {
            String s = memo.witness(globs.get(0), filler, longest, i, i == 0 ? shortest : null);
            v = value(s, memo, 0);
            witnesses[i] = v;
        }
        return v;
    }

    /** {@link GlobPairs#commonMember} of the subject and pattern {@code g}, with its matches; null when none. */
    public Value common(int g, PairMemo memo) {
        Value v = common[g];
        if (v == null) {
            String s = memo.commonMember(globs.get(0), globs.get(g), filler);
            v = s == null ? NONE : value(s, memo, g);
            common[g] = v;
        }
        return v == NONE ? null : v;
    }

    /**
     * {@code s}, a value of the subject and of pattern {@code member} (0: of the subject only), with the patterns
     * that match it. Only the MAYBE patterns are matched: the subject and {@code member} match it by construction,
     * a NO pattern matches no value of the subject and a YES pattern every one (the tests compare the sets with
     * matching every pattern).
     */
    private Value value(String s, PairMemo memo, int member) {
        BitSet matching = new BitSet(globs.size());
        matching.set(0);
        for (int g = 1; g < globs.size(); g++) {
            if (status[g] == YES || g == member || (status[g] == MAYBE && memo.matches(globs.get(g), s))) {
                matching.set(g);
            }
        }
        return new Value(s, matching);
    }
}
