package dev.iampreflight.policy.internal;

import dev.iampreflight.policy.Wildcards;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facts {@link PairMemo#facts} keeps per list of patterns against fresh computations over random lists (a request
 * with unknown parts or a policy pattern as the subject, one to three policy patterns): every status, the filler, the
 * witnesses and the values in common, each with the patterns that match it, equal what {@link GlobAutomaton} and
 * {@link GlobPairs} compute, whichever order they are asked in, for lists re-parsed as equal but distinct objects,
 * and through a store small enough to be emptied many times.
 */
class SubjectFactsTest {

    private static final String[] TEXTS = new String[150];

    private static String text(Random r, int i) {
        if (TEXTS[i] == null) {
            if (r.nextBoolean()) {
                TEXTS[i] = RandomPatterns.random(r, RandomPatterns.ARN_PREFIXES, "ab:/*?", 9);
            } else {
                StringBuilder q = new StringBuilder(RandomPatterns.random(r, RandomPatterns.ARN_PREFIXES, "ab:/", 5));
                int unknowns = r.nextInt(4);
                for (int k = 0; k < unknowns; k++) {
                    q.append("{?}").append("ab:/".charAt(r.nextInt(4)));
                }
                TEXTS[i] = "?" + q;
            }
        }
        return TEXTS[i];
    }

    private static Glob glob(String t) {
        return t.startsWith("?") ? Glob.request(t.substring(1), Wildcards.Mode.RESOURCE)
                : Glob.parse(t, Wildcards.Mode.RESOURCE);
    }

    private static BitSet matching(List<Glob> globs, String value) {
        BitSet b = new BitSet();
        for (int g = 0; g < globs.size(); g++) {
            if (globs.get(g).matches(value)) {
                b.set(g);
            }
        }
        return b;
    }

    private static void check(SubjectFacts f, List<Glob> globs, PairMemo memo, int order) {
        Glob subject = globs.get(0);
        char filler = GlobPairs.filler(globs);
        int longest = 0;
        for (Glob g : globs) {
            longest = Math.max(longest, g.length());
        }
        String where = globs.toString();
        assertEquals(filler, f.filler(), where);
        for (int step = 0; step < 3; step++) {
            switch ((step + order) % 3) {
                case 0 -> {
                    for (int g = 1; g < globs.size(); g++) {
                        byte want = !GlobAutomaton.intersectsFast(subject, globs.get(g)) ? SubjectFacts.NO
                                : GlobPairs.surelyIncludes(globs.get(g), subject) ? SubjectFacts.YES
                                : SubjectFacts.MAYBE;
                        assertEquals(want, f.status(g), where + " status of " + g);
                    }
                }
                case 1 -> {
                    String[] want = GlobPairs.witnesses(subject, filler, longest);
                    // Each witness alone first (a decision asks for them one by one, in any order of need).
                    int first = order % SubjectFacts.WITNESSES;
                    SubjectFacts.Value one = f.witness(first, memo);
                    assertEquals(want[first], one.value(), where);
                    assertEquals(matching(globs, want[first]), one.matching(), where + " at " + want[first]);
                    SubjectFacts.Value[] got = f.witnesses(memo);
                    assertEquals(want.length, got.length, where);
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i].value(), where);
                        assertEquals(matching(globs, want[i]), got[i].matching(), where + " at " + want[i]);
                    }
                }
                default -> {
                    for (int g = 1; g < globs.size(); g++) {
                        String want = GlobPairs.commonMember(subject, globs.get(g), filler);
                        SubjectFacts.Value got = f.common(g, memo);
                        if (want == null) {
                            assertNull(got, where);
                        } else {
                            assertEquals(want, got.value(), where);
                            assertEquals(matching(globs, want), got.matching(), where + " at " + want);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theShortestValueRefutesOnlyWhatTheInclusionTestRefutes() {
        // The status's shortcut: a pattern that misses the subject's shortest value does not include the subject,
        // so the sound inclusion test says false too; both outcomes of the shortcut occur.
        Random r = new Random(2026120211L);
        int refuted = 0;
        int asked = 0;
        for (int i = 0; i < 20000; i++) {
            Glob subject = glob(text(r, r.nextInt(40)));
            Glob pattern = glob(text(r, r.nextInt(TEXTS.length)));
            char filler = GlobPairs.filler(List.of(subject, pattern));
            if (!pattern.matches(GlobPairs.shortestMember(subject, filler))) {
                refuted++;
                assertTrue(!GlobPairs.surelyIncludes(pattern, subject), subject + " in " + pattern);
            } else {
                asked++;
            }
        }
        assertTrue(refuted > 1000 && asked > 200, refuted + " refuted, " + asked + " left to the table");
    }

    @Test
    void keptFactsEqualFreshOnesOverRandomLists() {
        Random r = new Random(20261202L);
        PairMemo.Store store = new PairMemo.Store(32);
        for (int i = 0; i < 3000; i++) {
            // Indexes into a pool of texts, so that lists (and pairs within them) repeat; parsed again each time.
            int n = 2 + r.nextInt(3);
            List<String> texts = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                texts.add(text(r, r.nextInt(k == 0 ? 40 : TEXTS.length)));
            }
            List<Glob> globs = new ArrayList<>();
            for (String t : texts) {
                globs.add(glob(t));
            }
            PairMemo decision = new PairMemo(store);
            SubjectFacts f = decision.facts(globs);
            check(f, globs, decision, r.nextInt(3));
            // Asked again (kept, unless the store was emptied meanwhile), and by a decision that keeps nothing.
            check(decision.facts(new ArrayList<>(globs)), globs, decision, r.nextInt(3));
            PairMemo alone = new PairMemo(null);
            check(alone.facts(globs), globs, alone, r.nextInt(3));
            assertTrue(store.size() <= 32, "store bounded: " + store.size());
            // The subject's own pattern among the others (an "allowed for" candidate that is a statement's
            // pattern), and an equal copy of it, are answered without the tests; the answer is theirs.
            List<Glob> withItself = new ArrayList<>(globs);
            withItself.add(1, globs.get(0));
            withItself.add(2, glob(texts.get(0)));
            PairMemo own = new PairMemo(null);
            check(own.facts(withItself), withItself, own, r.nextInt(3));
            assertEquals(SubjectFacts.YES, own.facts(withItself).status(1), withItself.toString());
            assertEquals(SubjectFacts.YES, own.facts(withItself).status(2), withItself.toString());
        }
    }
}
