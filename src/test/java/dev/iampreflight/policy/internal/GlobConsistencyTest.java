package dev.iampreflight.policy.internal;

import dev.iampreflight.policy.Wildcards;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The concrete matcher (two-pointer, component by component) and the automaton (used for unknown parts) must agree:
 * for random patterns and random values, "pattern matches value" equals "pattern intersects the literal value".
 */
class GlobConsistencyTest {

    private static final String[] PREFIXES = {"", "arn:aws:s3:::", "arn:aws:sqs:us-east-1:1:", "arn:", "arn:aws:"};

    private static String random(Random r, String alphabet, int max) {
        return RandomPatterns.random(r, PREFIXES, alphabet, max);
    }

    @Test
    void concreteMatchingAgreesWithTheAutomaton() {
        Random r = new Random(20261122L);
        for (int i = 0; i < 4000; i++) {
            String pattern = random(r, "ab:/*?A", 8);
            String value = random(r, "ab:/A", 9);
            Wildcards.Mode mode = i % 2 == 0 ? Wildcards.Mode.RESOURCE : Wildcards.Mode.PLAIN;
            Glob p = Glob.parse(pattern, mode);
            String v = mode == Wildcards.Mode.RESOURCE ? Glob.normalizeResource(value) : value;
            boolean concrete = p.matches(v);
            boolean symbolic = GlobAutomaton.intersects(p, Glob.literal(v, Wildcards.Mode.PLAIN));
            assertEquals(concrete, symbolic, "pattern '" + pattern + "' (" + mode + ") vs value '" + value + "'");
        }
    }

    @Test
    void intersectionIsExactOnSamples() {
        Random r = new Random(7L);
        for (int i = 0; i < 400; i++) {
            Glob a = Glob.parse(random(r, "ab/*?", 6), Wildcards.Mode.PLAIN);
            Glob b = Glob.request(random(r, "ab/", 5) + (r.nextBoolean() ? "{?}" : "") + random(r, "ab", 2).replace(
                    "arn:", ""), Wildcards.Mode.PLAIN);
            var parts = GlobAutomaton.intersection(a, b, 256);
            for (int k = 0; k < 30; k++) {
                String s = random(r, "ab/", 8);
                boolean both = a.matches(s) && GlobAutomaton.intersects(b, Glob.literal(s, Wildcards.Mode.PLAIN));
                boolean inUnion = false;
                for (Glob g : parts) {
                    inUnion |= g.matches(s);
                }
                assertEquals(both, inUnion, a + " ∩ " + b + " = " + parts + " on '" + s + "'");
            }
        }
    }
}
