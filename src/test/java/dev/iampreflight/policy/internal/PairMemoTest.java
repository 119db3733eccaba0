package dev.iampreflight.policy.internal;

import dev.iampreflight.policy.Wildcards;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answers {@link PairMemo} shares (within one decision, and across decisions through a {@link PairMemo.Store})
 * against fresh computations over random pairs: each answer read from a shared table or a kept answer is the one a
 * fresh computation gives, whichever order the questions come in, for patterns equal in content but not the same
 * objects, and when the store is emptied for being full.
 */
class PairMemoTest {

    private static String random(Random r, String alphabet, int max) {
        return RandomPatterns.random(r, RandomPatterns.ARN_PREFIXES, alphabet, max);
    }

    /** Texts of a policy pattern and of a request (with unknown parts) or a second policy pattern. */
    private static String[] texts(Random r) {
        String p = random(r, "ab:/*?", 9);
        if (r.nextBoolean()) {
            return new String[]{p, random(r, "ab:/*?", 9), "policy"};
        }
        StringBuilder q = new StringBuilder(random(r, "ab:/", 5));
        int unknowns = r.nextInt(4);
        for (int k = 0; k < unknowns; k++) {
            q.append("{?}").append("ab:/".charAt(r.nextInt(4)));
        }
        return new String[]{p, q.toString(), "request"};
    }

    private static Glob[] globs(String[] t, PairMemo memo) {
        Glob a = Glob.parse(t[0], Wildcards.Mode.RESOURCE);
        Glob b = t[2].equals("request") ? (memo == null ? Glob.request(t[1], Wildcards.Mode.RESOURCE)
                : memo.request(t[1], Wildcards.Mode.RESOURCE)) : Glob.parse(t[1], Wildcards.Mode.RESOURCE);
        return new Glob[]{a, b};
    }

    /** Asks every question about the pair, in an order that depends on {@code order}, and checks each answer. */
    private static void askAll(PairMemo memo, Glob[] g, int order) {
        Glob a = g[0];
        Glob b = g[1];
        char f = GlobPairs.filler(List.of(a, b));
        int longest = Math.max(a.length(), b.length());
        String pair = a + " / " + b;
        for (int step = 0; step < 7; step++) {
            switch ((step + order) % 7) {
                case 0 -> {
                    assertEquals(GlobAutomaton.intersectsFast(a, b), memo.intersects(a, b), pair);
                    assertEquals(GlobAutomaton.intersectsFast(b, a), memo.intersects(b, a), pair);
                }
                case 1 -> {
                    assertEquals(GlobPairs.surelyIncludes(a, b), memo.surelyIncludes(a, b), pair);
                    assertEquals(GlobPairs.surelyIncludes(b, a), memo.surelyIncludes(b, a), pair);
                }
                case 2 -> {
                    assertEquals(GlobPairs.commonMember(a, b, f), memo.commonMember(a, b, f), pair);
                    assertEquals(GlobPairs.commonMember(b, a, f), memo.commonMember(b, a, f), pair);
                }
                case 3 -> {
                    for (int limit : new int[]{1, 4}) {
                        assertEquals(GlobAutomaton.smallIntersection(a, b, limit), memo.smallIntersection(a, b, limit),
                                pair + ", " + limit);
                    }
                }
                case 4 -> {
                    assertEquals(GlobAutomaton.includes(a, b), memo.includes(a, b), pair);
                    assertEquals(GlobAutomaton.includes(b, a), memo.includes(b, a), pair);
                }
                case 5 -> {
                    String[] w = memo.witnesses(b, f, longest);
                    assertArrayEquals(GlobPairs.witnesses(b, f, longest), w, pair);
                    for (String v : w) {
                        assertEquals(a.matches(v), memo.matches(a, v), pair + " at '" + v + "'");
                        assertTrue(memo.matches(b, v), pair + " at '" + v + "'");
                    }
                }
                default -> {
                    String v = GlobPairs.commonMember(a, b, f);
                    if (v != null) {
                        assertTrue(memo.matches(a, v) && memo.matches(b, v), pair + " at '" + v + "'");
                    }
                }
            }
        }
    }

    @Test
    void sharedAnswersEqualFreshOnesOverRandomPairs() {
        Random r = new Random(20261202L);
        // Small enough to be emptied many times over the run.
        PairMemo.Store store = new PairMemo.Store(64);
        String[][] seen = new String[200][];
        for (int i = 0; i < 3000; i++) {
            // Often a pair asked before (a later decision about the same patterns), parsed again: equal, not the same.
            String[] t = i >= seen.length && r.nextInt(3) == 0 ? seen[r.nextInt(seen.length)] : texts(r);
            seen[i % seen.length] = t;
            PairMemo decision = new PairMemo(store);
            Glob[] g = globs(t, decision);
            askAll(decision, g, r.nextInt(7));
            // Asked again within the same decision (tables and answers read back), and by a decision with no store.
            askAll(decision, globs(t, decision), r.nextInt(7));
            askAll(new PairMemo(null), globs(t, null), r.nextInt(7));
            assertTrue(store.size() <= 64, "store bounded: " + store.size());
        }
    }

    @Test
    void aRequestIsReadOnceAndEqualsAFreshReading() {
        PairMemo.Store store = new PairMemo.Store(16);
        String text = "arn:aws:execute-api:{?}:{?}:{?}/{?}/POST/@connections/{?}";
        Glob first = new PairMemo(store).request(text, Wildcards.Mode.RESOURCE);
        Glob again = new PairMemo(store).request(text, Wildcards.Mode.RESOURCE);
        assertTrue(first == again, "kept across decisions");
        Glob fresh = Glob.request(text, Wildcards.Mode.RESOURCE);
        assertEquals(fresh, first);
        assertEquals(fresh.render(), first.render());
        assertTrue(Arrays.equals(fresh.colons, first.colons));
    }
}
