package dev.iampreflight.policy.internal;

import dev.iampreflight.policy.Wildcards;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intersection table of two patterns ({@link GlobAutomaton#live}), filled only along a shared literal prefix and
 * the ARN components' diagonal blocks, and the members read from it ({@link GlobAutomaton#smallIntersection}, one
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
