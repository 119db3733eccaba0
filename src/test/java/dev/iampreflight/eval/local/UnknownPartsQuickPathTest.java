package dev.iampreflight.eval.local;

import dev.iampreflight.eval.ActionFacts;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Reason;
import dev.iampreflight.eval.Request;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;
import dev.iampreflight.policy.internal.GlobAutomaton;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The polynomial answer for requests with unknown parts ({@code LocalEngine.quickOutcomes}, the sound inclusion and
 * the witnesses) against the product exploration it replaces: same decision kind, same "allowed for" patterns, same
 * reasons, on random ARN-shaped policies of several Allow, Deny and NotResource statements over a small alphabet,
 * with and without a permissions boundary, and random requests with unknown region, account and resource parts. The
 * exploration is itself compared with every instance over a small domain in {@link UnknownPartsPropertyTest}.
 */
class UnknownPartsQuickPathTest {

    private static final String PRINCIPAL = "arn:aws:iam::111122223333:role/app";

    private static String word(Random r, String alphabet, int min, int max) {
        StringBuilder sb = new StringBuilder();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String pattern(Random r) {
        String region = switch (r.nextInt(4)) {
            case 0 -> "*";
            case 1 -> "u?";
            default -> "us";
        };
        String account = r.nextInt(3) == 0 ? "*" : "1";
        return "arn:aws:svc:" + region + ":" + account + ":" + word(r, "ab/:*?", 1, 6);
    }

    private static String statement(Random r, boolean deny) {
        boolean not = r.nextInt(6) == 0;
        StringBuilder res = new StringBuilder();
        int n = 1 + (r.nextInt(4) == 0 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            res.append(i == 0 ? "" : ", ").append('"').append(pattern(r)).append('"');
        }
        return "{\"Effect\": \"" + (deny ? "Deny" : "Allow") + "\", \"Action\": \"svc:Do\", \""
                + (not ? "NotResource" : "Resource") + "\": [" + res + "]}";
    }

    private static PolicyDocument policy(Random r, int statements, boolean denies) {
        StringBuilder sb = new StringBuilder("{\"Version\": \"2012-10-17\", \"Statement\": [");
        for (int s = 0; s < statements; s++) {
            sb.append(s == 0 ? "" : ", ").append(statement(r, denies && s > 0 && r.nextInt(3) == 0));
        }
        sb.append("]}");
        return PolicyParser.parseJson(sb.toString(), "p.json").document().orElseThrow();
    }

    private static String request(Random r) {
        String region = r.nextInt(3) == 0 ? "us" : "{?}";
        String account = r.nextInt(3) == 0 ? "1" : "{?}";
        StringBuilder sb = new StringBuilder("arn:aws:svc:" + region + ":" + account + ":");
        int unknowns = r.nextInt(4);
        sb.append(r.nextBoolean() ? word(r, "ab/", 1, 2) : "");
        for (int u = 0; u < unknowns; u++) {
            sb.append("{?}").append(r.nextBoolean() ? word(r, "ab/:", 1, 2) : "");
        }
        if (unknowns == 0 && !sb.toString().contains("{?}")) {
            sb.append("{?}");
        }
        return sb.toString();
    }

    /** One or two identity policies of one to four statements, and a boundary one time in four. */
    private static PolicySet randomSet(Random r) {
        List<PolicyDocument> identity = new ArrayList<>();
        int policies = 1 + r.nextInt(2);
        for (int i = 0; i < policies; i++) {
            identity.add(policy(r, 1 + r.nextInt(4), true));
        }
        PolicySet set = PolicySet.identity(identity.toArray(PolicyDocument[]::new));
        if (r.nextInt(4) == 0) {
            set = set.withPermissionBoundaries(List.of(policy(r, 1 + r.nextInt(2), false)));
        }
        return set;
    }

    @Test
    void sameAnswersAsTheExploration() {
        Random r = new Random(4711L);
        int quick = 0;
        int some = 0;
        int rounds = 1500;
        for (int round = 0; round < rounds; round++) {
            PolicySet set = randomSet(r);
            Request req = new Request("svc:Do", request(r), Optional.of(PRINCIPAL), Optional.empty(), Map.of());
            LocalEngine fast = new LocalEngine(ActionFacts.NONE);
            LocalEngine exact = new LocalEngine(ActionFacts.NONE, true);
            long before = GlobAutomaton.explorations();
            Decision d = fast.evaluate(fast.prepare(set), req);
            quick += GlobAutomaton.explorations() == before ? 1 : 0;
            Decision e = exact.evaluate(exact.prepare(set), req);
            String where = set + " on " + req.resource();
            assertEquals(e.kind(), d.kind(), where);
            assertEquals(e.allowedPatterns(), d.allowedPatterns(), where);
            assertEquals(messages(e.reasons()), messages(d.reasons()), where);
            some += d.kind() == DecisionKind.ALLOWED_FOR_SOME ? 1 : 0;
        }
        assertTrue(some > rounds / 10, "mixed answers are exercised: " + some);
        // Most random shapes need no exploration at all; the rest are the documented fallback.
        assertTrue(quick > rounds / 2, "answered without exploring: " + quick + " of " + rounds);
    }

    /**
     * One engine over every round keeps the answers about pairs of patterns across decisions (requests repeat over
     * this small alphabet, and the policies' patterns too): each decision, computed with the kept answers, and
     * computed again with only what it shares within itself, gives the exploration's answer.
     */
    @Test
    void keptPairAnswersGiveTheExplorationsAnswers() {
        Random r = new Random(815L);
        LocalEngine shared = new LocalEngine(ActionFacts.NONE);
        int kept = 0;
        for (int round = 0; round < 1500; round++) {
            PolicySet set = randomSet(r);
            Request req = new Request("svc:Do", request(r), Optional.of(PRINCIPAL), Optional.empty(), Map.of());
            PreparedPolicySet p = shared.prepare(set);
            Decision withKept = shared.evaluateUncachedKeepingPairs(p, req);
            Decision alone = shared.evaluateUncached(p, req);
            LocalEngine exact = new LocalEngine(ActionFacts.NONE, true);
            Decision e = exact.evaluate(exact.prepare(set), req);
            String where = set + " on " + req.resource();
            for (Decision d : List.of(withKept, alone)) {
                assertEquals(e.kind(), d.kind(), where);
                assertEquals(e.allowedPatterns(), d.allowedPatterns(), where);
                assertEquals(messages(e.reasons()), messages(d.reasons()), where);
            }
            kept += shared.keptPairAnswers() > 0 ? 1 : 0;
        }
        assertTrue(kept > 0, "answers were kept");
    }

    /**
     * Answers kept by statements, decisions kept by set of applying statements (both per principal and resource) and
     * the facts kept per list of patterns, read by many requests on a few policy sets, through bounds small enough
     * that all are emptied many times, with and without the kept answers: each answer equals the exploration's (so do
     * the "allowed for some" reasons and request patterns kept per principal and resource, bounded and emptied too). The requests vary what a kept decision must not depend on (the
     * action) and what it must (the principal, and the resource's account, which makes a request cross-account).
     */
    @Test
    void keptDecisionsAndFactsGiveTheExplorationsAnswers() {
        Random r = new Random(1202L);
        LocalEngine shared = new LocalEngine(ActionFacts.NONE, false, 3, 2, true);
        LocalEngine noAnswers = new LocalEngine(ActionFacts.NONE, false, 3, 2, false);
        LocalEngine exact = new LocalEngine(ActionFacts.NONE, true);
        PolicySet[] sets = new PolicySet[12];
        PreparedPolicySet[] prepared = new PreparedPolicySet[sets.length];
        PreparedPolicySet[] preparedNoAnswers = new PreparedPolicySet[sets.length];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = randomSet(r);
            prepared[i] = shared.prepare(sets[i]);
            preparedNoAnswers[i] = noAnswers.prepare(sets[i]);
        }
        Request[] requests = new Request[16];
        for (int i = 0; i < requests.length; i++) {
            String resource = request(r);
            if (r.nextInt(4) == 0) {
                resource = resource.replaceFirst("^(arn:aws:svc:[^:]*):[^:]*:", "$1:999988887777:");
            }
            String principal = r.nextBoolean() ? PRINCIPAL : "arn:aws:iam::999988887777:role/other";
            requests[i] = new Request(r.nextInt(4) == 0 ? "svc:Undo" : "svc:Do", resource, Optional.of(principal),
                    Optional.empty(), Map.of());
        }
        Map<String, Decision> expected = new java.util.HashMap<>();
        int most = 0;
        int reasons = 0;
        for (int round = 0; round < 1500; round++) {
            int s = r.nextInt(sets.length);
            Request req = requests[r.nextInt(requests.length)];
            Decision e = expected.computeIfAbsent(s + " " + req,
                    k -> exact.evaluate(exact.prepare(sets[s]), req));
            String where = sets[s] + " on " + req;
            for (Decision d : List.of(shared.evaluateUncachedKeepingPairs(prepared[s], req),
                    noAnswers.evaluateUncachedKeepingPairs(preparedNoAnswers[s], req))) {
                assertEquals(e.kind(), d.kind(), where);
                assertEquals(e.allowedPatterns(), d.allowedPatterns(), where);
                assertEquals(messages(e.reasons()), messages(d.reasons()), where);
            }
            most = Math.max(most, shared.keptDecisions());
            assertTrue(shared.keptDecisions() <= 3 * 3, "bounded: " + shared.keptDecisions());
            assertTrue(noAnswers.keptReasons() <= 3 * 2, "bounded: " + noAnswers.keptReasons());
            reasons = Math.max(reasons, noAnswers.keptReasons());
        }
        assertTrue(most > 0, "decisions were kept");
        assertTrue(reasons > 0, "reasons were kept");
    }

    @Test
    void aDenyOnAPrefixIsRefutedByAValueUnderIt() {
        // Allow data/*, Deny data/private/*: the Allow's pattern is not allowed for every value (data/private/x is
        // denied), which the shortest and stretched values of data/* miss; a value in common with the Deny finds it.
        PolicyDocument doc = PolicyParser.parseJson("{\"Version\": \"2012-10-17\", \"Statement\": ["
                + "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::data/*\"}, "
                + "{\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::data/private/*\"}]}",
                "p.json").document().orElseThrow();
        PolicySet set = PolicySet.identity(doc);
        Request req = new Request("s3:GetObject", "arn:aws:s3:::data/{?}", Optional.of(PRINCIPAL), Optional.empty(),
                Map.of());
        LocalEngine fast = new LocalEngine(ActionFacts.NONE);
        LocalEngine exact = new LocalEngine(ActionFacts.NONE, true);
        long before = GlobAutomaton.explorations();
        Decision d = fast.evaluate(fast.prepare(set), req);
        assertEquals(before, GlobAutomaton.explorations(), "answered without exploring");
        Decision e = exact.evaluate(exact.prepare(set), req);
        assertEquals(DecisionKind.ALLOWED_FOR_SOME, d.kind());
        assertEquals(List.of(), d.allowedPatterns());
        assertEquals(e.allowedPatterns(), d.allowedPatterns());
        assertEquals(messages(e.reasons()), messages(d.reasons()));
    }

    private static List<String> messages(List<Reason> reasons) {
        List<String> out = new ArrayList<>();
        for (Reason reason : reasons) {
            out.add(reason.code() + " " + reason.message());
        }
        return out;
    }
}
