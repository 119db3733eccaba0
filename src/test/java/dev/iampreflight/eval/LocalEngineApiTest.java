package dev.iampreflight.eval;

import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.eval.local.PreparedPolicySet;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the check command relies on: structured reasons, deny locations, traces, and a reusable prepared set. */
class LocalEngineApiTest {

    private static final String POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Tables", "Effect": "Allow", "Action": "dynamodb:*",
                 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/app-*"},
                {"Sid": "NoDrop", "Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"}
              ]
            }
            """;

    private static PolicyDocument doc() {
        return PolicyParser.parseJson(POLICY, "role.json").document().orElseThrow();
    }

    private static final String ROLE = "arn:aws:iam::111122223333:role/app";

    @Test
    void explicitDenyNamesTheStatementAndWhereItIs() {
        Decision d = new LocalEngine(ActionFacts.NONE).evaluate(PolicySet.identity(doc()),
                Request.of("dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:111122223333:table/app-x", ROLE));
        assertEquals(DecisionKind.EXPLICIT_DENY, d.kind());
        assertEquals(ReasonCode.DENIED_BY_STATEMENT, d.primaryReason());
        StatementRef deny = d.explicitDenies().get(0);
        assertEquals("statement 'NoDrop'", deny.statementLabel());
        assertEquals("role.json", deny.policyName());
        assertEquals(PolicyRole.IDENTITY, deny.role());
        assertEquals("role.json", deny.location().file());
        assertEquals(6, deny.location().line());
    }

    @Test
    void traceCoversEveryStatementWithElementChecks() {
        Decision d = new LocalEngine(ActionFacts.NONE).evaluate(PolicySet.identity(doc()),
                Request.of("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/other", ROLE));
        assertEquals(DecisionKind.IMPLICIT_DENY, d.kind());
        assertEquals(List.of(ReasonCode.NO_ALLOW_IN_IDENTITY), d.reasonCodes());
        List<StatementTrace> st = d.trace().policies().get(0).statements();
        assertEquals(2, st.size());
        assertFalse(st.get(0).matched());
        ElementCheck resource = st.get(0).checks().get(1);
        assertEquals("Resource", resource.element());
        assertFalse(resource.matched());
        assertTrue(resource.detail().contains("table/app-*"), resource.detail());
        assertTrue(st.get(0).checks().get(0).matched(), "the action matched");
    }

    @Test
    void allowedForSomeListsPatternsAndTheReasonForTheRest() {
        Decision d = new LocalEngine(ActionFacts.NONE).evaluate(PolicySet.identity(doc()),
                Request.of("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:111122223333:table/{?}", ROLE));
        assertEquals(DecisionKind.ALLOWED_FOR_SOME, d.kind());
        assertEquals(List.of("arn:aws:dynamodb:us-east-1:111122223333:table/app-*"), d.allowedPatterns());
        assertEquals(List.of(ReasonCode.ALLOWED_FOR_SOME_RESOURCES, ReasonCode.NO_ALLOW_IN_IDENTITY),
                d.reasonCodes());
        assertTrue(d.trace().policies().get(0).statements().get(0).matchedSome());
    }

    @Test
    void wildcardOnlyActionIgnoresAnUnknownResource() {
        Decision d = new LocalEngine(ActionFacts.of("dynamodb:ListTables")).evaluate(PolicySet.identity(doc()),
                Request.of("dynamodb:ListTables", "arn:aws:dynamodb:us-east-1:111122223333:table/{?}", ROLE));
        // table/app-* does not match '*', but AWS evaluates ListTables against an ARN of the service it does not
        // document, which the statement may match: not a certain deny.
        assertEquals(DecisionKind.ALLOWED_FOR_SOME, d.kind());
        assertEquals(ReasonCode.UNDOCUMENTED_RESOURCE, d.primaryReason());
    }

    private static Decision listTables(String resource) {
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["dynamodb:ListTables", "s3:GetObject"], "Resource": "%s"}]}
                """.formatted(resource);
        return new LocalEngine(ActionFacts.of("dynamodb:ListTables")).evaluate(PolicySet.identity(
                PolicyParser.parseJson(policy, "p.json").document().orElseThrow()),
                Request.of("dynamodb:ListTables", "*", ROLE));
    }

    @Test
    void resourceLessActionUnderAServiceArnPatternIsNoCertainDeny() {
        // The wagner96/crud-python-sls idiom: Resource arn:aws:dynamodb:us-east-1:*:* for ListTables.
        Decision d = listTables("arn:aws:dynamodb:us-east-1:*:*");
        assertEquals(DecisionKind.ALLOWED_FOR_SOME, d.kind());
        assertEquals(ReasonCode.UNDOCUMENTED_RESOURCE, d.primaryReason());
        assertTrue(d.reasons().get(0).message().contains("arn:aws:dynamodb:us-east-1:*:*"), d.reasons().toString());
        assertEquals(DecisionKind.ALLOWED, listTables("*").kind());
        // An ARN of another service can never be the one AWS evaluates for a DynamoDB action.
        assertEquals(DecisionKind.IMPLICIT_DENY, listTables("arn:aws:s3:::bucket/*").kind());
    }

    @Test
    void resourceLessActionOnOneNamedResourceIsACertainDeny() {
        // The Service Authorization Reference asks for Resource "*"; the ARNs AWS evaluates such actions against are
        // service-wide patterns, never one table of the account, so naming one resource cannot grant the action,
        // even when the reader left its account or id unknown ({?}).
        assertEquals(DecisionKind.IMPLICIT_DENY,
                listTables("arn:aws:dynamodb:us-east-1:111122223333:table/orders").kind());
        assertEquals(DecisionKind.IMPLICIT_DENY, listTables("arn:aws:dynamodb:{?}:{?}:table/orders").kind());
        assertEquals(DecisionKind.ALLOWED_FOR_SOME, listTables("arn:aws:dynamodb:{?}:{?}:table/*").kind());
        assertEquals(DecisionKind.ALLOWED_FOR_SOME, listTables("arn:aws:dynamodb:{?}:{?}:table/{?}").kind());
    }

    private static Decision sendTaskSuccess(String resource) {
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["states:SendTaskSuccess", "states:SendTaskFailure"],
                   "Resource": "%s"}]}
                """.formatted(resource);
        return new LocalEngine(ActionFacts.of("states:SendTaskSuccess", "states:SendTaskFailure")).evaluate(
                PolicySet.identity(PolicyParser.parseJson(policy, "p.json").document().orElseThrow()),
                Request.of("states:SendTaskSuccess", "*", ROLE));
    }

    @Test
    void sendTaskOnTheIssuingStateMachineMayBeAllowed() {
        // The catalogue_graph idiom: the task's role may answer the state machine that started it. The Service
        // Authorization Reference lists no resource type, but AWS authorizes it against the state machine (or
        // activity) behind the token, which the call does not name: allowed for some, not a certain deny.
        Decision d = sendTaskSuccess("arn:aws:states:eu-west-1:111122223333:stateMachine:pipeline");
        assertEquals(DecisionKind.ALLOWED_FOR_SOME, d.kind());
        assertEquals(ReasonCode.UNDOCUMENTED_RESOURCE, d.primaryReason());
        assertTrue(d.reasons().get(0).message().contains("state machine or activity that issued the task token"),
                d.reasons().toString());
        assertEquals(DecisionKind.ALLOWED_FOR_SOME,
                sendTaskSuccess("arn:aws:states:{?}:{?}:activity:worker").kind());
        assertEquals(DecisionKind.ALLOWED, sendTaskSuccess("*").kind());
        // A resource of another service is never the token's issuer.
        assertEquals(DecisionKind.IMPLICIT_DENY, sendTaskSuccess("arn:aws:lambda:eu-west-1:111122223333:function:f")
                .kind());
        // Any other resource-less action keeps the service-wide rule: one named resource cannot grant it.
        assertEquals(DecisionKind.IMPLICIT_DENY,
                listTables("arn:aws:dynamodb:us-east-1:111122223333:table/orders").kind());
    }

    @Test
    void preparedSetGivesTheSameAnswersFromManyThreads() throws Exception {
        LocalEngine engine = new LocalEngine(ActionFacts.NONE);
        PreparedPolicySet set = engine.prepare(PolicySet.identity(doc()));
        String[] actions = {"dynamodb:GetItem", "dynamodb:DeleteTable", "s3:GetObject"};
        DecisionKind[] expected = {DecisionKind.ALLOWED, DecisionKind.EXPLICIT_DENY, DecisionKind.IMPLICIT_DENY};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 3_000; i++) {
                        int k = i % 3;
                        Decision d = engine.evaluate(set, Request.of(actions[k],
                                "arn:aws:dynamodb:us-east-1:111122223333:table/app-" + i, ROLE));
                        if (d.kind() != expected[k]) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
