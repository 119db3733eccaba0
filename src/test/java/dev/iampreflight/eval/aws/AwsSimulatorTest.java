package dev.iampreflight.eval.aws;

import dev.iampreflight.core.UserException;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Reason;
import dev.iampreflight.eval.ReasonCode;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.aws.internal.Batches;
import dev.iampreflight.eval.aws.internal.PolicyJson;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator backend through the real SDK client against {@link FakeAws} on 127.0.0.1. */
class AwsSimulatorTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/app";

    @TempDir
    Path tmp;
    FakeAws fake;
    List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeAws();
        AwsTestCredentials.install(tmp);
    }

    @AfterEach
    void stop() {
        fake.close();
        AwsTestCredentials.clear();
    }

    AwsSimulator simulator() {
        return AwsSimulator.create(new AwsSettings(Optional.empty(), Optional.of("us-east-1"),
                Optional.of(fake.url()), Map.of(), 1000, log::add));
    }

    static PolicyDocument policy(String json) {
        return PolicyParser.parseJson(json, "policy.json").document().orElseThrow();
    }

    static final PolicyDocument GET_A = policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadA\","
            + "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/a\"}]}");

    static Request req(String action, String resource) {
        return Request.of(action, resource, ROLE);
    }

    @Test
    void pairsWithIdenticalInputsShareOneCallAndEachResourceGetsItsOwnDecision() {
        try (AwsSimulator sim = simulator()) {
            List<Decision> ds = sim.evaluateAll(PolicySet.identity(GET_A), List.of(
                    req("s3:GetObject", "arn:aws:s3:::bucket/a"), req("s3:GetObject", "arn:aws:s3:::bucket/b"),
                    req("s3:PutObject", "arn:aws:s3:::bucket/a")));
            // The top-level decision of s3:GetObject over both resources is implicitDeny; bucket/a is allowed.
            assertEquals(List.of(DecisionKind.ALLOWED, DecisionKind.IMPLICIT_DENY, DecisionKind.IMPLICIT_DENY),
                    ds.stream().map(Decision::kind).toList());
            List<FakeAws.Received> calls = fake.received("SimulateCustomPolicy");
            assertEquals(1, calls.size());
            FakeAws.Received c = calls.get(0);
            assertEquals("2010-05-08", c.params().get("Version"));
            assertEquals(List.of("s3:GetObject", "s3:PutObject"), c.list("ActionNames"));
            assertEquals(List.of("arn:aws:s3:::bucket/a", "arn:aws:s3:::bucket/b"), c.list("ResourceArns"));
            assertEquals(List.of(PolicyJson.render(GET_A)), c.list("PolicyInputList"));
            assertEquals("1000", c.params().get("MaxItems"));
            assertFalse(c.params().containsKey("CallerArn"), "no resource policy, no caller");
            assertTrue(c.headers().get("Authorization").get(0).contains(AwsTestCredentials.KEY_ID),
                    "the SDK signed with the credentials from the standard chain");
            assertEquals(new AwsSimulator.Stats(1, 3, 1), sim.stats());
            assertEquals(List.of("iam:SimulateCustomPolicy: 2 action(s) x 2 resource(s) for 3 pair(s)"), log);
        }
    }

    @Test
    void boundaryScpsResourcePolicyOwnerCallerAndTypedContextAreSent() {
        PolicyDocument boundary = policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        PolicyDocument bucket = policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + ROLE + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        PolicySet set = PolicySet.identity(GET_A).withPermissionBoundaries(List.of(boundary))
                .withResourcePolicy(bucket, null).withScpLevels(List.of(List.of(boundary), List.of(boundary)));
        Request r = req("s3:GetObject", "arn:aws:s3:::bucket/a").withResourceAccount("111122223333")
                .withContext("aws:SecureTransport", "true").withContext("aws:TagKeys", "a", "b")
                .withContext("s3:max-keys", "10").withContext("aws:SourceVpc", "{?}");
        try (AwsSimulator sim = simulator()) {
            assertEquals(DecisionKind.ALLOWED, sim.evaluate(set, r).kind());
        }
        FakeAws.Received c = fake.received("SimulateCustomPolicy").get(0);
        Map<String, String> p = c.params();
        assertEquals(List.of(PolicyJson.render(boundary)), c.list("PermissionsBoundaryPolicyInputList"));
        assertEquals(PolicyJson.render(boundary), p.get("OrderedOrganizationPolicyInputList.member.2"
                + ".ServiceControlPolicyInputList.member.1"));
        assertEquals(PolicyJson.render(bucket), p.get("ResourcePolicy"));
        assertEquals("arn:aws:iam::111122223333:root", p.get("ResourceOwner"));
        assertEquals(ROLE, p.get("CallerArn"));
        assertEquals("aws:SecureTransport", p.get("ContextEntries.member.1.ContextKeyName"));
        assertEquals("boolean", p.get("ContextEntries.member.1.ContextKeyType"));
        assertEquals("true", p.get("ContextEntries.member.1.ContextKeyValues.member.1"));
        assertEquals("stringList", p.get("ContextEntries.member.2.ContextKeyType"));
        assertEquals("b", p.get("ContextEntries.member.2.ContextKeyValues.member.2"));
        assertEquals("numeric", p.get("ContextEntries.member.3.ContextKeyType"));
        assertFalse(p.containsValue("aws:SourceVpc"), "a value with an unknown part is not sent");
    }

    @Test
    void followsMarkerWhileTheAnswerIsTruncated() {
        fake.pageSize(1);
        try (AwsSimulator sim = simulator()) {
            List<Decision> ds = sim.evaluateAll(PolicySet.identity(GET_A), List.of(
                    req("s3:GetObject", "arn:aws:s3:::bucket/a"), req("s3:PutObject", "arn:aws:s3:::bucket/a"),
                    req("s3:DeleteObject", "arn:aws:s3:::bucket/a")));
            assertEquals(List.of(DecisionKind.ALLOWED, DecisionKind.IMPLICIT_DENY, DecisionKind.IMPLICIT_DENY),
                    ds.stream().map(Decision::kind).toList());
            assertEquals(3, sim.stats().calls());
        }
        List<FakeAws.Received> calls = fake.received("SimulateCustomPolicy");
        assertEquals(3, calls.size());
        assertFalse(calls.get(0).params().containsKey("Marker"));
        assertEquals("1", calls.get(1).params().get("Marker"));
        assertEquals("2", calls.get(2).params().get("Marker"));
        assertEquals(calls.get(0).list("ActionNames"), calls.get(2).list("ActionNames"));
    }

    @Test
    void throttlingIsRetriedWithTheSameRequest() {
        fake.script("SimulateCustomPolicy", 400, FakeAws.error(FakeAws.IAM_NS, "Throttling", "Rate exceeded"));
        try (AwsSimulator sim = simulator()) {
            assertEquals(DecisionKind.ALLOWED,
                    sim.evaluate(PolicySet.identity(GET_A), req("s3:GetObject", "arn:aws:s3:::bucket/a")).kind());
        }
        List<FakeAws.Received> calls = fake.received("SimulateCustomPolicy");
        assertEquals(2, calls.size());
        assertEquals(calls.get(0).params(), calls.get(1).params());
    }

    @Test
    void answersWithOneResultPerActionAndResourceAreReadToo() {
        String members = "<member><EvalActionName>s3:GetObject</EvalActionName><EvalResourceName>arn:aws:s3:::bucket/a"
                + "</EvalResourceName><EvalDecision>allowed</EvalDecision></member>"
                + "<member><EvalActionName>s3:GetObject</EvalActionName><EvalResourceName>arn:aws:s3:::bucket/b"
                + "</EvalResourceName><EvalDecision>explicitDeny</EvalDecision><MatchedStatements><member>"
                + "<SourcePolicyId>PolicyInputList.1</SourcePolicyId><SourcePolicyType>IAM Policy</SourcePolicyType>"
                + "<StartPosition><Line>3</Line><Column>1</Column></StartPosition></member></MatchedStatements>"
                + "<MissingContextValues><member>aws:SourceIp</member></MissingContextValues></member>";
        fake.script("SimulateCustomPolicy", 200, FakeAws.response("SimulateCustomPolicy", members, false, null));
        try (AwsSimulator sim = simulator()) {
            List<Decision> ds = sim.evaluateAll(PolicySet.identity(GET_A), List.of(
                    req("s3:GetObject", "arn:aws:s3:::bucket/a"), req("s3:GetObject", "arn:aws:s3:::bucket/b")));
            assertEquals(DecisionKind.ALLOWED, ds.get(0).kind());
            assertEquals(DecisionKind.EXPLICIT_DENY, ds.get(1).kind());
            // Line 3 of our rendering is the first statement: the finding can point at its source.
            assertEquals("statement 'ReadA'", ds.get(1).explicitDenies().get(0).statementLabel());
            assertEquals("policy.json", ds.get(1).explicitDenies().get(0).location().file());
            Reason missing = ds.get(1).reasons().stream()
                    .filter(x -> x.code() == ReasonCode.MISSING_CONTEXT_VALUES).findFirst().orElseThrow();
            assertTrue(missing.message().contains("aws:SourceIp"), missing.message());
        }
    }

    @Test
    void whatTheSimulatorCannotTakeKeepsTheLocalAnswerWithoutACall() {
        PolicyDocument all = policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        try (AwsSimulator sim = simulator()) {
            Decision unknown = sim.evaluate(PolicySet.identity(GET_A), req("s3:GetObject", "arn:aws:s3:::bucket/{?}"));
            assertEquals(DecisionKind.ALLOWED_FOR_SOME, unknown.kind(), "the local engine's answer");
            assertTrue(unknown.reasons().get(unknown.reasons().size() - 1).message()
                    .startsWith("cannot check remotely: the resource arn:aws:s3:::bucket/{?} has a part"));
            Decision rcp = sim.evaluate(PolicySet.identity(GET_A).withRcpLevels(List.of(List.of(all))),
                    req("s3:GetObject", "arn:aws:s3:::bucket/a"));
            assertTrue(rcp.reasonCodes().contains(ReasonCode.NOT_CHECKED_REMOTELY));
            assertTrue(rcp.reasons().get(rcp.reasons().size() - 1).message().contains("resource control policies"));
            assertEquals(0, sim.stats().calls());
        }
        assertTrue(fake.received().isEmpty());
    }

    @Test
    void anUnknownAccountIsFilledFromGetCallerIdentityThroughTheStandardEndpointVariables() {
        fake.caller("444455556666", "arn:aws-cn:iam::444455556666:user/ci");
        // No --endpoint-url: AWS_ENDPOINT_URL_IAM and AWS_ENDPOINT_URL_STS lead both clients to the fake.
        AwsSettings settings = new AwsSettings(Optional.empty(), Optional.of("us-east-1"), Optional.empty(),
                Map.of("AWS_ENDPOINT_URL_IAM", fake.url(), "AWS_ENDPOINT_URL_STS", fake.url()), 1000, log::add);
        PolicyDocument any = policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"arn:aws:dynamodb:us-east-1:{?}:table/t\"}]}");
        try (AwsSimulator sim = AwsSimulator.create(settings)) {
            Decision d = sim.evaluate(PolicySet.identity(any), Request.of("dynamodb:GetItem",
                    "arn:aws:dynamodb:us-east-1:{?}:table/t", "arn:aws:iam::{?}:role/app"));
            assertEquals(DecisionKind.ALLOWED, d.kind());
            assertEquals("aws-cn", sim.knownCallerIdentity().orElseThrow().partition());
        }
        assertEquals(1, fake.received("GetCallerIdentity").size());
        FakeAws.Received c = fake.received("SimulateCustomPolicy").get(0);
        assertEquals(List.of("arn:aws:dynamodb:us-east-1:444455556666:table/t"), c.list("ResourceArns"));
        assertTrue(c.list("PolicyInputList").get(0).contains("arn:aws:dynamodb:us-east-1:444455556666:table/t"));
        assertEquals(List.of("sts:GetCallerIdentity", "iam:SimulateCustomPolicy: 1 action(s) x 1 resource(s) for "
                + "1 pair(s)"), log);
    }

    @Test
    void deployedRolesAreSimulatedAsTheyAreInAwsWithTheProjectsAddedPolicies() {
        fake.deployRole(ROLE, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}");
        try (AwsSimulator sim = simulator()) {
            List<Decision> ds = sim.evaluateDeployed(ROLE, List.of(GET_A), List.of(
                    req("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"),
                    req("s3:GetObject", "arn:aws:s3:::bucket/a"), req("s3:PutObject", "arn:aws:s3:::bucket/a")));
            assertEquals(List.of(DecisionKind.ALLOWED, DecisionKind.ALLOWED, DecisionKind.IMPLICIT_DENY),
                    ds.stream().map(Decision::kind).toList());
        }
        FakeAws.Received c = fake.received("SimulatePrincipalPolicy").get(0);
        assertEquals(ROLE, c.params().get("PolicySourceArn"));
        assertEquals(List.of(PolicyJson.render(GET_A)), c.list("PolicyInputList"));
        assertFalse(c.params().containsKey("CallerArn"));
    }

    @Test
    void errorsNameTheFixAndNeverTheCredentials() {
        fake.script("SimulateCustomPolicy", 403, FakeAws.error(FakeAws.IAM_NS, "AccessDenied", "User: "
                + "arn:aws:iam::111122223333:user/ci is not authorized to perform: iam:SimulateCustomPolicy"));
        UserException denied = assertThrows(UserException.class, () -> {
            try (AwsSimulator sim = simulator()) {
                sim.evaluate(PolicySet.identity(GET_A), req("s3:GetObject", "arn:aws:s3:::bucket/a"));
            }
        });
        assertTrue(denied.getMessage().contains("may not call iam:SimulateCustomPolicy (AccessDenied): grant them "
                + "the permission iam:SimulateCustomPolicy"), denied.getMessage());

        fake.script("SimulateCustomPolicy", 403, FakeAws.error(FakeAws.IAM_NS, "SignatureDoesNotMatch",
                "The Canonical String for this request should have been 'x-amz-security-token:"
                        + AwsTestCredentials.TOKEN + "'"));
        UserException signature = assertThrows(UserException.class, () -> {
            try (AwsSimulator sim = simulator()) {
                sim.evaluate(PolicySet.identity(GET_A), req("s3:GetObject", "arn:aws:s3:::bucket/a"));
            }
        });
        assertTrue(signature.getMessage().startsWith("AWS rejected the credentials in use (SignatureDoesNotMatch)"));

        fake.script("SimulateCustomPolicy", 200, "<html><body>hello</body></html>");
        UserException garbage = assertThrows(UserException.class, () -> {
            try (AwsSimulator sim = simulator()) {
                sim.evaluate(PolicySet.identity(GET_A), req("s3:GetObject", "arn:aws:s3:::bucket/a"));
            }
        });
        assertTrue(garbage.getMessage().contains("did not answer iam:SimulateCustomPolicy as the AWS API does")
                || garbage.getMessage().contains("has no result"), garbage.getMessage());

        String closed = fake.url();
        fake.close();
        UserException network = assertThrows(UserException.class, () -> {
            try (AwsSimulator sim = AwsSimulator.create(new AwsSettings(Optional.empty(), Optional.empty(),
                    Optional.of(closed), Map.of(), 1000, null))) {
                sim.evaluate(PolicySet.identity(GET_A), req("s3:GetObject", "arn:aws:s3:::bucket/a"));
            }
        });
        assertTrue(network.getMessage().startsWith("cannot reach " + closed + " for iam:SimulateCustomPolicy"),
                network.getMessage());

        AwsTestCredentials.noFiles(tmp);
        UserException none = assertThrows(UserException.class, () -> {
            try (AwsSimulator sim = simulator()) {
                sim.evaluate(PolicySet.identity(GET_A), req("s3:GetObject", "arn:aws:s3:::bucket/a"));
            }
        });
        assertTrue(none.getMessage().startsWith("no AWS credentials found for iam:SimulateCustomPolicy: set "
                + "AWS_ACCESS_KEY_ID"), none.getMessage());
        for (UserException e : List.of(denied, signature, garbage, network, none)) {
            assertFalse(AwsTestCredentials.leaks(e.getMessage()), e.getMessage());
        }
    }

    @Test
    void aCallNeverCarriesMorePairsThanThePlanAllowsAndCallsStayWithinTheBound() {
        List<Batches.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // 50 resources, each needing a different pair of 10 actions: no two rectangles are the same.
            pairs.add(new Batches.Pair("svc:Action" + (i % 10), "arn:aws:svc:::r" + (i / 10)));
            pairs.add(new Batches.Pair("svc:Other" + (i % 7), "arn:aws:svc:::x" + i));
        }
        List<Batches.Call> plan = Batches.plan(pairs);
        int covered = 0;
        for (Batches.Call c : plan) {
            assertTrue((long) c.actions().size() * c.resources().size() <= Batches.MAX_ITEMS);
            covered += c.pairs().size();
        }
        assertEquals(1000, covered, "every pair exactly once");
        assertTrue(plan.size() <= (1000 + Batches.BATCH_SIZE - 1) / Batches.BATCH_SIZE, "calls: " + plan.size());
    }
}
