package dev.iampreflight.policy.internal;

import dev.iampreflight.policy.Wildcards;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intersection table of two patterns ({@link GlobAutomaton#live}, bit-parallel rows after a shared literal prefix)
 * against its recursion written out at every pair, and the members read from it ({@link GlobAutomaton#smallIntersection}, one
 * list per pair of positions) against the references: the product exploration for emptiness, and the enumeration of
 * every path for the members.
 */
class GlobIntersectionTableTest {

    private static String random(Random r, String alphabet, int max) {
        return RandomPatterns.random(r, RandomPatterns.ARN_PREFIXES, alphabet, max);
    }

    private static Glob policy(String s) {
        return Glob.parse(s, Wildcards.Mode.RESOURCE);
    }

    private static Glob request(String s) {
        return Glob.request(s, Wildcards.Mode.RESOURCE);
    }

    /** Random policy patterns and requests with unknown parts, many of them full ARNs (component by component). */
    private static Glob[] pair(Random r) {
        String p = random(r, "ab:/*?", 9);
        StringBuilder q = new StringBuilder(random(r, "ab:/", 5));
        int unknowns = r.nextInt(4);
        for (int k = 0; k < unknowns; k++) {
            q.append("{?}").append("ab:/".charAt(r.nextInt(4)));
        }
        return new Glob[]{policy(p), r.nextBoolean() ? request(q.toString()) : policy(random(r, "ab:/*?", 9))};
    }

    @Test
    void emptinessAndACommonMemberAgreeWithTheExploration() {
        Random r = new Random(20261201L);
        for (int i = 0; i < 3000; i++) {
            Glob[] g = pair(r);
            boolean explored = GlobAutomaton.intersects(g[0], g[1]);
            assertEquals(explored, GlobAutomaton.intersectsFast(g[0], g[1]), g[0] + " ∩ " + g[1]);
            assertEquals(explored, GlobAutomaton.intersectsFast(g[1], g[0]), g[1] + " ∩ " + g[0]);
            String w = GlobPairs.commonMember(g[0], g[1], GlobPairs.filler(List.of(g[0], g[1])));
            if (explored) {
                assertNotNull(w, g[0] + " ∩ " + g[1]);
                assertTrue(g[0].matches(w) && g[1].matches(w), "'" + w + "' in " + g[0] + " ∩ " + g[1]);
            } else {
                assertNull(w, g[0] + " ∩ " + g[1]);
            }
        }
    }

    /** live(i, j) written out as its recursion: some path of moves from (i, j) reaches both ends together. */
    private static boolean reference(Glob a, Glob b, int i, int j, Boolean[][] memo) {
        if (memo[i][j] != null) {
            return memo[i][j];
        }
        int la = a.length();
        int lb = b.length();
        byte ka = i < la ? a.kinds[i] : -1;
        byte kb = j < lb ? b.kinds[j] : -1;
        boolean sa = ka == Glob.STAR || ka == Glob.STAR_NC;
        boolean sb = kb == Glob.STAR || kb == Glob.STAR_NC;
        boolean l = i == la && j == lb;
        l = l || (sa && reference(a, b, i + 1, j, memo)) || (sb && reference(a, b, i, j + 1, memo));
        if (!l && ka >= 0 && kb >= 0 && !(sa && sb) && someCharacter(a, i, b, j)) {
            l = reference(a, b, sa ? i : i + 1, sb ? j : j + 1, memo);
        }
        memo[i][j] = l;
        return l;
    }

    /** Some character both tokens accept: a literal the other accepts, or any non-colon one between wildcards. */
    private static boolean someCharacter(Glob a, int i, Glob b, int j) {
        if (a.kinds[i] == Glob.LIT) {
            return accepts(b.kinds[j], b.chars[j], a.chars[i]);
        }
        return b.kinds[j] != Glob.LIT || accepts(a.kinds[i], a.chars[i], b.chars[j]);
    }

    private static boolean accepts(byte kind, char token, char c) {
        return switch (kind) {
            case Glob.LIT -> token == c;
            case Glob.ONE_NC, Glob.STAR_NC -> c != ':';
            default -> true;
        };
    }

    @Test
    void theBitTableEqualsTheRecursionAtEveryPair() {
        // Long patterns too (several random pieces joined), so that rows span several words of 64 columns.
        Random r = new Random(202612021L);
        int multiword = 0;
        for (int n = 0; n < 1500; n++) {
            Glob[] g;
            if (n % 3 == 0) {
                g = pair(r);
            } else {
                StringBuilder x = new StringBuilder(random(r, "ab:/*?", 9));
                StringBuilder y = new StringBuilder(r.nextBoolean() ? x.toString() : random(r, "ab:/*?", 9));
                int pieces = 1 + r.nextInt(10);
                for (int k = 0; k < pieces; k++) {
                    x.append(r.nextInt(4) == 0 ? "*" : "").append(random(r, "ab:/*?", 9).replace("arn:", "a/"));
                    y.append(r.nextInt(3) == 0 ? "{?}" : "").append(random(r, "ab:/", 9).replace("arn:", "b/"));
                }
                g = new Glob[]{policy(x.toString()), r.nextBoolean() ? request(y.toString()) : policy(y.toString())};
            }
            for (Glob[] ab : new Glob[][]{g, {g[1], g[0]}}) {
                Glob a = ab[0];
                Glob b = ab[1];
                GlobAutomaton.Live live = GlobAutomaton.live(a, b);
                Boolean[][] memo = new Boolean[a.length() + 1][b.length() + 1];
                int p = 0;
                while (p < Math.min(a.length(), b.length()) && a.kinds[p] == Glob.LIT && b.kinds[p] == Glob.LIT
                        && a.chars[p] == b.chars[p]) {
                    p++;
                }
                multiword += b.length() - p >= 64 ? 1 : 0;
                for (int i = 0; i <= a.length(); i++) {
                    for (int j = 0; j <= b.length(); j++) {
                        if ((i >= p && j >= p) || i == j) {
                            int fi = i;
                            int fj = j;
                            assertEquals(reference(a, b, i, j, memo), live.at(i, j),
                                    () -> a + " ∩ " + b + " at (" + fi + ", " + fj + ")");
                        }
                    }
                }
            }
        }
        assertTrue(multiword > 50, "rows of several words: " + multiword);
    }

    @Test
    void membersByPairsEqualMembersByPaths() {
        Random r = new Random(11L);
        for (int i = 0; i < 3000; i++) {
            Glob[] g = pair(r);
            for (int limit : new int[]{1, 4}) {
                assertEquals(GlobAutomaton.smallIntersectionByPaths(g[0], g[1], limit),
                        GlobAutomaton.smallIntersectionByPairs(g[0], g[1], limit, GlobAutomaton.live(g[0], g[1])),
                        g[0] + " ∩ " + g[1] + ", " + limit);
            }
        }
    }

    @Test
    void aMemberEqualToAnOperandIsThatOperand() {
        // The 1-star table: the only member is the policy pattern, handed back as the statement's own object.
        Glob req = request("arn:aws:dynamodb:us-east-1:111122223333:table/{?}");
        Glob pol = policy("arn:aws:dynamodb:us-east-1:111122223333:table/orders-*");
        List<Glob> one = GlobAutomaton.smallIntersection(req, pol, 4).orElseThrow();
        assertEquals(1, one.size(), one.toString());
        assertSame(pol, one.get(0));
        // Over random pairs: the same members as before the replacement, and none an equal copy of an operand.
        Random r = new Random(20261214L);
        int replaced = 0;
        for (int i = 0; i < 3000; i++) {
            Glob[] g = pair(r);
            GlobAutomaton.Live live = GlobAutomaton.live(g[0], g[1]);
            Optional<List<Glob>> plain = GlobAutomaton.smallIntersectionByPairs(g[0], g[1], 4, live);
            Optional<List<Glob>> members = GlobAutomaton.smallIntersection(g[0], g[1], 4, live);
            assertEquals(plain, members, g[0] + " ∩ " + g[1]);
            for (Glob m : members.orElse(List.of())) {
                if (m.equals(g[0]) || m.equals(g[1])) {
                    assertTrue(m == g[0] || m == g[1], m + " in " + g[0] + " ∩ " + g[1]);
                    replaced++;
                }
            }
        }
        assertTrue(replaced > 50, "members equal to an operand: " + replaced);
    }

    @Test
    void theBudgetedPathWalkGivesTheMembersByPairs() {
        // The walk answers alone when it meets more than the limit or walks every path within its budget, and hands
        // over to the pairs' lists when the budget runs out: every budget gives the same answer, from none (always
        // handed over) through small ones (often out of budget midway) to the usual one.
        Random r = new Random(20261202L);
        int walkedAlone = 0;
        int handedOver = 0;
        for (int i = 0; i < 3000; i++) {
            Glob[] g = i % 3 == 0 ? manyStars(r) : pair(r);
            GlobAutomaton.Live live = GlobAutomaton.live(g[0], g[1]);
            for (int limit : new int[]{1, 4}) {
                Optional<List<Glob>> byPairs = GlobAutomaton.smallIntersectionByPairs(g[0], g[1], limit, live);
                for (int budget : new int[]{0, 3, 20, 60, Integer.MAX_VALUE}) {
                    assertEquals(byPairs, GlobAutomaton.smallIntersection(g[0], g[1], limit, live, budget),
                            g[0] + " ∩ " + g[1] + ", limit " + limit + ", budget " + budget);
                }
                assertEquals(byPairs, GlobAutomaton.smallIntersection(g[0], g[1], limit), g[0] + " ∩ " + g[1]);
                if (GlobAutomaton.walkedAlone(g[0], g[1], limit, live)) {
                    walkedAlone++;
                } else if (live.start()) {
                    handedOver++;
                }
            }
        }
        // Both ways are exercised: the walk alone and the hand-over.
        assertTrue(walkedAlone > 300 && handedOver > 30, "walked alone " + walkedAlone + ", handed over " + handedOver);
    }

    @Test
    void leavingOutRepeatedPathsKeepsTheMembersAndTheirOrder() {
        // The walk that leaves out the paths advancing a's star right after b's (and both stars consuming after a
        // star) against the walk of every path: the same distinct members in the same order, in no more steps.
        Random r = new Random(20261212L);
        int fewer = 0;
        for (int i = 0; i < 4000; i++) {
            Glob[] g = i % 3 == 0 ? manyStars(r) : pair(r);
            for (Glob[] ab : new Glob[][]{g, {g[1], g[0]}}) {
                for (int limit : new int[]{1, 4, 12}) {
                    List<Object> once = GlobAutomaton.walkedMembers(ab[0], ab[1], limit, true);
                    List<Object> every = GlobAutomaton.walkedMembers(ab[0], ab[1], limit, false);
                    String what = ab[0] + " ∩ " + ab[1] + ", limit " + limit;
                    assertEquals(every.subList(0, Math.max(0, every.size() - 1)),
                            once.subList(0, Math.max(0, once.size() - 1)), what);
                    if (!once.isEmpty()) {
                        int stepsOnce = (Integer) once.get(once.size() - 1);
                        int stepsEvery = (Integer) every.get(every.size() - 1);
                        assertTrue(stepsOnce <= stepsEvery, what + ": " + stepsOnce + " > " + stepsEvery);
                        fewer += stepsOnce < stepsEvery ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(fewer > 1000, "fewer steps " + fewer);
        // The ssm parameter path: two ways of sharing each unknown component with a star, walked once each.
        List<Object> ssm = GlobAutomaton.walkedMembers(request("arn:aws:ssm:{?}:{?}:parameter/app/{?}"),
                policy("arn:aws:ssm:*:*:parameter/app/prod/*"), 4, true);
        List<Object> ssmEvery = GlobAutomaton.walkedMembers(request("arn:aws:ssm:{?}:{?}:parameter/app/{?}"),
                policy("arn:aws:ssm:*:*:parameter/app/prod/*"), 4, false);
        assertEquals(6, ssm.size());
        assertTrue((Integer) ssm.get(5) * 2 < (Integer) ssmEvery.get(5), ssm + " vs " + ssmEvery);
    }

    @Test
    void theLengthsRefuteOnlyWhatTheExplorationRefutes() {
        // Pairs of random patterns and of the members of their intersections (the simplification's questions:
        // x against x*, x? against x{?}): where the lengths refute an inclusion, the product exploration refutes
        // it too, for single patterns and for unions; and includes answers as the exploration does.
        Random r = new Random(20261213L);
        int refuted = 0;
        int unionRefuted = 0;
        for (int i = 0; i < 3000; i++) {
            Glob[] g = i % 3 == 0 ? manyStars(r) : pair(r);
            List<Glob> globs = new java.util.ArrayList<>(List.of(g[0], g[1]));
            globs.addAll(GlobAutomaton.smallIntersectionByPaths(g[0], g[1], 4).orElse(List.of()));
            for (Glob x : globs) {
                for (Glob y : globs) {
                    boolean exact = GlobAutomaton.exactlyIncludes(x, y);
                    if (GlobAutomaton.lengthsRefute(x, y)) {
                        assertTrue(!exact, x + " ⊇ " + y);
                        refuted++;
                    }
                    assertEquals(exact, GlobAutomaton.includes(x, y), x + " ⊇ " + y);
                }
            }
            for (int k = 0; k < globs.size(); k++) {
                List<Glob> union = new java.util.ArrayList<>(globs);
                Glob y = union.remove(k);
                if (!union.isEmpty() && GlobAutomaton.unionLengthsRefute(union, y)) {
                    assertTrue(!GlobAutomaton.unionIncludesUnrefuted(union, y), union + " ⊇ " + y);
                    unionRefuted++;
                }
            }
        }
        assertTrue(refuted > 3000 && unionRefuted > 300, "refuted " + refuted + ", unions " + unionRefuted);
    }

    /** An ARN whose components are literal, unknown or starred, and whose resource is random. */
    private static String arn(Random r, boolean request) {
        String[][] parts = {{"arn"}, {"aws"}, {"execute-api"},
            {"us-east-1", "eu-west-1", "", request ? "{?}" : "*", request ? "{?}" : "us-*", request ? "{?}" : "?s-east-1"},
            {"111122223333", "", request ? "{?}" : "*", request ? "{?}" : "1111*"}};
        StringBuilder sb = new StringBuilder();
        for (String[] p : parts) {
            sb.append(p[r.nextInt(p.length)]).append(':');
        }
        String alphabet = request ? "ab/:" : "ab/:*?*";
        for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
            sb.append(random(r, alphabet, 4).replace("arn:", "a/")).append(request && r.nextBoolean() ? "{?}" : "");
        }
        return sb.toString();
    }

    @Test
    void theResourceAloneShowsMoreMembersOnlyWhenThereAreMore() {
        // Full ARNs whose first components are literal on one side at least: when the resource's walk meets more
        // than the limit, the members by pairs of positions are more than the limit too; when it meets them all,
        // they follow the literal components in the answer; and the answer is the pairs' either way.
        Random r = new Random(20261214L);
        int more = 0;
        int few = 0;
        for (int i = 0; i < 15000; i++) {
            Glob a = request(arn(r, true));
            Glob b = policy(arn(r, false));
            for (Glob[] ab : new Glob[][]{{a, b}, {b, a}}) {
                GlobAutomaton.Live live = GlobAutomaton.live(ab[0], ab[1]);
                if (!live.start()) {
                    continue;
                }
                for (int limit : new int[]{1, 4}) {
                    Optional<List<Glob>> byPairs = GlobAutomaton.smallIntersectionByPairs(ab[0], ab[1], limit, live);
                    if (GlobAutomaton.moreInTheResource(ab[0], ab[1], limit, live, Integer.MAX_VALUE)) {
                        assertEquals(Optional.empty(), byPairs, ab[0] + " ∩ " + ab[1] + ", limit " + limit);
                        more++;
                    }
                    few += GlobAutomaton.resourceWalked(ab[0], ab[1], limit, live) ? 1 : 0;
                    assertEquals(byPairs, GlobAutomaton.smallIntersection(ab[0], ab[1], limit),
                            ab[0] + " ∩ " + ab[1] + ", limit " + limit);
                }
            }
        }
        // Both answers from the resource's walk: more than the limit, and its members after the literal components.
        assertTrue(more > 300 && few > 300, "more in the resource: " + more + ", all in it: " + few);
    }

    /** A request's unknown against a policy with runs of stars: many paths, few members (the walk's worst case). */
    private static Glob[] manyStars(Random r) {
        StringBuilder p = new StringBuilder("arn:aws:s3:::b/");
        StringBuilder q = new StringBuilder("arn:aws:s3:::b/");
        for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
            p.append("*".repeat(1 + r.nextInt(8))).append("ab/".charAt(r.nextInt(3)));
            q.append("{?}").append("ab/".charAt(r.nextInt(3)));
        }
        return new Glob[]{policy(p.toString()), request(q.toString())};
    }

    @Test
    void manyPathsOneMember() {
        // Every way of sharing the request's unknown among the policy's eight stars is a path of the table; all of
        // them emit the same member, which is read once per pair of positions.
        Glob a = policy("arn:aws:s3:::b/********a");
        Glob b = request("arn:aws:s3:::b/{?}a");
        Optional<List<Glob>> byPairs = GlobAutomaton.smallIntersection(a, b, 4);
        assertEquals(GlobAutomaton.smallIntersectionByPaths(a, b, 4), byPairs);
        assertEquals(List.of("arn:aws:s3:::b/{?}a"), byPairs.orElseThrow().stream().map(Glob::render).toList());
    }

    @Test
    void websocketIntersectionIsTooLongToWriteOut() {
        // The websocket request of a Chalice app against its policy: more than four members, so the description
        // names the policy pattern.
        Glob a = request("arn:aws:execute-api:{?}:{?}:{?}/{?}/POST/@connections/{?}");
        Glob b = policy("arn:aws:execute-api:us-east-1:111122223333:abcdef1234/*/@connections/*");
        assertEquals(Optional.empty(), GlobAutomaton.smallIntersectionByPaths(a, b, 4));
        assertEquals(Optional.empty(), GlobAutomaton.smallIntersection(a, b, 4));
        assertTrue(GlobAutomaton.intersectsFast(a, b));
    }
}
