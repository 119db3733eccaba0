package dev.iampreflight.eval.local;

import dev.iampreflight.eval.ActionFacts;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Request;
import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.policy.internal.Glob;
import dev.iampreflight.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The three-valued answer for a resource with unknown parts against the answers for its instances, enumerated over a
 * small domain (every non-empty string of up to three characters over the patterns' letters, '/', and one letter no
 * pattern names: an unknown part of a request, {@code {?}}, stands for a non-empty value, as Glob.request reads it). ALLOWED must allow every instance; a deny must allow none; when instances differ the answer must be
 * ALLOWED_FOR_SOME, and every "allowed for" pattern it names must allow each instance it matches. Random policies of
 * Allow and Deny statements with {@code *} and {@code ?}, random requests with one to three unknowns.
 */
class UnknownPartsPropertyTest {

    private static final String PREFIX = "arn:aws:s3:::";
    private static final String[] DOMAIN = domain("ab/x", 3);

    private static String[] domain(String alphabet, int max) {
        List<String> out = new ArrayList<>();
        List<String> level = List.of("");
        for (int len = 1; len <= max; len++) {
            List<String> next = new ArrayList<>();
            for (String s : level) {
                for (char c : alphabet.toCharArray()) {
                    next.add(s + c);
                }
            }
            out.addAll(next);
            level = next;
        }
        return out.toArray(String[]::new);
    }

    private static String pattern(Random r, String alphabet, int max) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void answerAgreesWithEveryInstanceOverASmallDomain() {
        Random r = new Random(2112L);
        LocalEngine engine = new LocalEngine(ActionFacts.NONE);
        String principal = "arn:aws:iam::111122223333:role/app";
        int some = 0;
        for (int round = 0; round < 150; round++) {
            StringBuilder policy = new StringBuilder("{\"Version\": \"2012-10-17\", \"Statement\": [");
            int statements = 1 + r.nextInt(3);
            for (int s = 0; s < statements; s++) {
                boolean deny = s > 0 && r.nextInt(3) == 0;
                policy.append(s == 0 ? "" : ", ").append("{\"Effect\": \"").append(deny ? "Deny" : "Allow")
                        .append("\", \"Action\": \"s3:GetObject\", \"Resource\": \"").append(PREFIX)
                        .append(pattern(r, "ab/*?", 5)).append("\"}");
            }
            policy.append("]}");
            PreparedPolicySet p = engine.prepare(PolicySet.identity(
                    PolicyParser.parseJson(policy.toString(), "p.json").document().orElseThrow()));
            // A request with unknown parts between literal ones: a{?}/{?} and the like.
            List<String> parts = new ArrayList<>();
            int unknowns = 1 + r.nextInt(3);
            for (int u = 0; u < unknowns; u++) {
                parts.add(r.nextBoolean() ? pattern(r, "ab/", 2) : "");
                parts.add(null);
            }
            parts.add(r.nextBoolean() ? pattern(r, "ab/", 2) : "");
            StringBuilder sym = new StringBuilder(PREFIX);
            for (String part : parts) {
                sym.append(part == null ? "{?}" : part);
            }
            Decision d = engine.evaluate(p, request(sym.toString(), principal));
            List<Glob> described = new ArrayList<>();
            for (String a : d.allowedPatterns()) {
                described.add(Glob.parse(a.replace("{?}", "*"), Wildcards.Mode.RESOURCE));
            }
            boolean anyAllowed = false;
            boolean anyDenied = false;
            for (String instance : instances(parts, unknowns)) {
                Decision di = engine.evaluate(p, request(PREFIX + instance, principal));
                boolean allowed = di.kind() == DecisionKind.ALLOWED;
                anyAllowed |= allowed;
                anyDenied |= !allowed;
                boolean wrong = d.kind() == DecisionKind.ALLOWED ? !allowed
                        : d.kind() != DecisionKind.ALLOWED_FOR_SOME && allowed;
                for (int k = 0; k < described.size() && !allowed; k++) {
                    wrong |= described.get(k).matches(Glob.normalizeResource(PREFIX + instance));
                }
                if (wrong) {
                    fail(policy + " on " + sym + " = " + d.kind() + " " + d.allowedPatterns() + ", but instance "
                            + instance + " is " + di.kind());
                }
            }
            if (anyAllowed && anyDenied) {
                assertEquals(DecisionKind.ALLOWED_FOR_SOME, d.kind(), policy + " on " + sym);
                some++;
            }
        }
        assertTrue(some > 10, "the random cases exercise mixed answers: " + some);
    }

    private static Request request(String resource, String principal) {
        return new Request("s3:GetObject", resource, Optional.of(principal), Optional.empty(), Map.of());
    }

    /** Every instance of the parts with each unknown (null) replaced by a string of the domain. */
    private static List<String> instances(List<String> parts, int unknowns) {
        List<String> out = new ArrayList<>();
        int[] idx = new int[unknowns];
        // With three unknowns the full product is large: each ranges over the strings of up to two characters.
        int[] size = new int[unknowns];
        for (int u = 0; u < unknowns; u++) {
            size[u] = unknowns == 3 ? 20 : DOMAIN.length;
        }
        while (true) {
            StringBuilder sb = new StringBuilder();
            int u = 0;
            for (String part : parts) {
                sb.append(part == null ? DOMAIN[idx[u++]] : part);
            }
            out.add(sb.toString());
            int k = 0;
            while (k < unknowns && ++idx[k] == size[k]) {
                idx[k] = 0;
                k++;
            }
            if (k == unknowns) {
                return out;
            }
        }
    }
}
