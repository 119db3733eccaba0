package dev.iampreflight.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.eval.local.LocalEngine;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every case of src/test/resources/eval/conformance/*.json through {@link LocalEngine}. Each file has optional
 * {@code defaults.request} and {@code cases}: name, doc (the AWS documentation page the case comes from), policies (the batch fields, or the shorthands {@code statement}/{@code statements}
 * for one identity policy), request, optional {@code wildcardOnly} actions, and the expectation: {@code expect}
 * (decision), optional {@code patterns} (allowed_for_some), {@code reason} (primary reason code) and {@code denies}
 * (labels of the Deny statements that matched).
 */
class ConformanceTest {

    static final String DOC_PREFIX = "https://docs.aws.amazon.com/";

    record Case(String file, String name, String doc, JsonNode node) {
    }

    static List<Case> cases() throws IOException, URISyntaxException {
        Path dir = Paths.get(ConformanceTest.class.getResource("/eval/conformance").toURI());
        List<Case> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode root;
            try (InputStream in = Files.newInputStream(f)) {
                root = EvalJson.MAPPER.readTree(in);
            }
            JsonNode defaults = root.path("defaults").path("request");
            for (JsonNode c : root.path("cases")) {
                ObjectNode n = c.deepCopy();
                ObjectNode req = defaults.isObject() ? ((ObjectNode) defaults).deepCopy()
                        : EvalJson.MAPPER.createObjectNode();
                if (c.has("request")) {
                    req.setAll((ObjectNode) c.get("request"));
                }
                n.set("request", req);
                out.add(new Case(f.getFileName().toString(), c.path("name").asText(), c.path("doc").asText(""),
                        n));
            }
        }
        return out;
    }

    static ObjectNode policies(JsonNode c) {
        ObjectNode n = c.deepCopy();
        if (c.has("statement") || c.has("statements")) {
            ArrayNode st = EvalJson.MAPPER.createArrayNode();
            if (c.has("statement")) {
                st.add(c.get("statement"));
            } else {
                st.addAll((ArrayNode) c.get("statements"));
            }
            ObjectNode doc = EvalJson.MAPPER.createObjectNode();
            doc.put("Version", c.path("version").asText("2012-10-17"));
            doc.set("Statement", st);
            ArrayNode ids = n.has("identityPolicies") ? (ArrayNode) n.get("identityPolicies")
                    : EvalJson.MAPPER.createArrayNode();
            ids.add(doc);
            n.set("identityPolicies", ids);
        }
        return n;
    }

    static Decision run(Case c) {
        JsonNode n = c.node();
        List<String> wildcardOnly = new ArrayList<>();
        n.path("wildcardOnly").forEach(a -> wildcardOnly.add(a.asText()));
        LocalEngine engine = new LocalEngine(ActionFacts.of(wildcardOnly.toArray(new String[0])));
        PolicySet set = new EvalJson(16).policySet(policies(n), c.name());
        Request request = EvalJson.request(n.get("request"));
        return engine.evaluate(set, request);
    }

    @TestFactory
    Stream<DynamicTest> conformance() throws IOException, URISyntaxException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.file() + ": " + c.name(), () -> check(c)));
    }

    static void check(Case c) {
        JsonNode n = c.node();
        Decision d = run(c);
        String why = " (" + d.reasons() + ", doc " + c.doc() + ")";
        assertEquals(n.path("expect").asText(), d.kind().json(), "decision" + why);
        if (n.has("patterns")) {
            Set<String> want = new HashSet<>();
            n.get("patterns").forEach(p -> want.add(p.asText()));
            assertEquals(want, new HashSet<>(d.allowedPatterns()), "allowed patterns" + why);
        }
        if (n.has("reason")) {
            assertTrue(d.reasonCodes().contains(ReasonCode.valueOf(n.get("reason").asText())),
                    "reason " + n.get("reason").asText() + why);
        }
        if (n.has("denies")) {
            Set<String> want = new HashSet<>();
            n.get("denies").forEach(p -> want.add(p.asText()));
            Set<String> got = new HashSet<>();
            for (StatementRef r : d.explicitDenies()) {
                got.add(r.statementLabel());
            }
            assertEquals(want, got, "deny statements" + why);
        }
        // Every decision explains itself: the trace is built and names every statement.
        PolicySet set = new EvalJson(16).policySet(policies(n), c.name());
        int count = set.identityPolicies().size() + set.resourcePolicy().stream().toList().size()
                + set.permissionBoundaries().size() + set.sessionPolicy().stream().toList().size()
                + set.scpLevels().stream().mapToInt(List::size).sum()
                + set.rcpLevels().stream().mapToInt(List::size).sum();
        assertEquals(count, d.trace().policies().size(), "trace covers every policy");
    }

    @Test
    void everyCaseIsNamedUniquelyCitesAnAwsPageAndExpectsAKnownDecision() throws Exception {
        List<Case> all = cases();
        Set<String> names = new HashSet<>();
        for (Case c : all) {
            assertTrue(names.add(c.file() + ": " + c.name()), "duplicate case name " + c.name());
            assertTrue(c.doc().startsWith(DOC_PREFIX), c.name() + " must cite an AWS documentation page");
            DecisionKind.fromJson(c.node().path("expect").asText());
        }
        assertTrue(all.size() >= 200, "the suite has " + all.size() + " cases; it should have at least 200");
    }

    @Test
    void casesCoverEveryDecisionKind() throws Exception {
        Set<String> kinds = new HashSet<>();
        for (Case c : cases()) {
            kinds.add(c.node().path("expect").asText());
        }
        for (DecisionKind k : DecisionKind.values()) {
            assertTrue(kinds.contains(k.json()), "no case expects " + k.json());
        }
    }

    @SuppressWarnings("unused")
    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode n) {
        return n.fields();
    }
}
