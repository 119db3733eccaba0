package dev.iampreflight.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.iamdata.ActionResourceType;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.iamdata.SdkOperation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per row of the curated tables (#15): {@code CuratedOperations.ENTRIES}, {@code PASS_ROLE},
 * {@code TAGS_ON_CREATE}, {@code NAMED_KEYS} and curated.json's {@code newActions}. Each row must cite an AWS page,
 * name an operation and members of the current models (a misspelt row would never apply) and actions of the
 * knowledge base, and a boto3 call driven through the scanner and the mapper must get what the row says.
 */
class CuratedTableTest {

    static final KnowledgeBase KB = KnowledgeBase.bundled();
    static final String DOCS = "https://docs.aws.amazon.com/";
    /** boto3's own methods (s3transfer, injected into the client): not operations of the service model. */
    static final Set<String> BOTO3_METHODS = Set.of("s3.upload_file", "s3.upload_fileobj", "s3.download_file",
            "s3.download_fileobj", "s3.copy");

    static List<Requirement> requirements(String code) {
        ScanResult r = PythonScanner.withKnowledgeBase(KB, List.of()).scanSources(Map.of("app.py",
                "import boto3\n" + code + "\n"));
        assertEquals(1, r.calls().size(), "not one call: " + code);
        SdkCall c = r.calls().get(0);
        return new RequirementMapper(KB).requirements(c, RequirementTableTest.TARGET);
    }

    static SdkOperation operation(String key) {
        String service = key.substring(0, key.indexOf('.'));
        String op = key.substring(key.indexOf('.') + 1);
        return KB.sdkOperation(service, op).orElseThrow(() -> new AssertionError(key
                + " is not an operation of the current model"));
    }

    /** A call of the operation with every required member set to a literal. */
    static String call(String key, String extra) {
        String service = key.substring(0, key.indexOf('.'));
        String op = key.substring(key.indexOf('.') + 1);
        List<String> args = new ArrayList<>();
        if (!BOTO3_METHODS.contains(key)) {
            for (String m : operation(key).requiredMembers()) {
                if (!extra.contains(m + "=")) {
                    args.add(m + "='x'");
                }
            }
        }
        if (!extra.isEmpty()) {
            args.add(extra);
        }
        return "boto3.client('" + service + "')." + op + "(" + String.join(", ", args) + ")";
    }

    @TestFactory
    Stream<DynamicTest> everyCuratedEntryCitesItsSourceAndYieldsItsActions() {
        return CuratedOperations.ENTRIES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertTrue(e.getValue().source().startsWith(DOCS), e.getKey() + " cites " + e.getValue().source());
            String key = e.getKey();
            String service = key.substring(0, key.indexOf('.'));
            String op = key.substring(key.indexOf('.') + 1);
            if (!BOTO3_METHODS.contains(key)) {
                operation(key);
            }
            List<String> actions = new RequirementMapper(KB).actionsFor(service, op).orElseThrow();
            for (String a : actions) {
                assertTrue(KB.action(a).isPresent(), key + " -> " + a + " is not an action of the knowledge base");
            }
            List<Requirement> reqs = requirements(call(key, ""));
            Set<String> got = reqs.stream().map(Requirement::action).collect(Collectors.toSet());
            assertTrue(got.containsAll(actions), key + ": " + got + " lacks some of " + actions);
            if (CuratedOperations.ASSUMED.contains(key)) {
                // The action is the operation's name by convention only: never a certain denial.
                assertTrue(reqs.stream().allMatch(q -> q.onlyWhen().isPresent()), key + " " + reqs);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPassRoleRowRequiresPassRoleOnThePassedRole() {
        List<DynamicTest> tests = new ArrayList<>();
        CuratedOperations.PASS_ROLE.forEach((key, row) -> {
            for (String param : row[0].split(",")) {
                tests.add(DynamicTest.dynamicTest(key + " " + param, () -> {
                    String top = param.split("[.\\[]")[0];
                    assertTrue(operation(key).inputMembers().contains(top), key + " has no member " + top);
                    String role = "'arn:aws:iam::123456789012:role/passed'";
                    String arg;
                    if (param.contains("[].")) {
                        arg = top + "=[{'" + param.substring(param.indexOf("].") + 2) + "': " + role + "}]";
                    } else {
                        // Nested structures: A.B.Role -> A={'B': {'Role': role}}.
                        String[] path = param.split("\\.");
                        String value = role;
                        for (int i = path.length - 1; i > 0; i--) {
                            value = "{'" + path[i] + "': " + value + "}";
                        }
                        arg = path[0] + "=" + value;
                    }
                    Requirement q = requirements(call(key, arg)).stream()
                            .filter(x -> x.action().equals("iam:PassRole")).findFirst()
                            .orElseThrow(() -> new AssertionError(key + " " + param + " needs no iam:PassRole"));
                    assertEquals("arn:aws:iam::123456789012:role/passed", q.resource());
                    assertEquals(row[1] == null ? Map.of() : Map.of("iam:PassedToService", row[1]), q.context());
                    assertEquals(row[2] != null, q.onlyWhen().isPresent(), key + " " + q.onlyWhen());
                    // Without the member (where the call may leave it out), nothing is passed.
                    if (!operation(key).requiredMembers().contains(top)) {
                        assertFalse(requirements(call(key, "")).stream()
                                .anyMatch(x -> x.action().equals("iam:PassRole")), key + " passes a role not given");
                    }
                }));
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyTagsOnCreateRowNeedsTheTaggingActionOnlyWithTags() {
        return CuratedOperations.TAGS_ON_CREATE.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> {
                    String[] row = e.getValue();
                    assertTrue(row[2].startsWith(DOCS), e.getKey());
                    assertTrue(operation(e.getKey()).inputMembers().contains(row[0]), e.getKey() + " has no " + row[0]);
                    assertTrue(KB.action(row[1]).isPresent(), row[1]);
                    String tags = e.getKey().startsWith("sqs.") ? "{'team': 'a'}" : "[{'Key': 'team', 'Value': 'a'}]";
                    assertTrue(requirements(call(e.getKey(), row[0] + "=" + tags)).stream()
                            .anyMatch(q -> q.action().equals(row[1])), e.getKey() + " with " + row[0]);
                    assertFalse(requirements(call(e.getKey(), "")).stream().anyMatch(q -> q.action().equals(row[1])),
                            e.getKey() + " without " + row[0]);
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyNamedKeyRowNeedsItsKmsActionsOnACustomerManagedKeyOnly() {
        return CuratedOperations.NAMED_KEYS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String[] row = e.getValue();
            assertTrue(row[row.length - 1].startsWith(DOCS), e.getKey());
            assertTrue(operation(e.getKey()).inputMembers().contains(row[0]), e.getKey() + " has no " + row[0]);
            String type = e.getKey().equals("ssm.put_parameter") ? "Type='SecureString', " : "";
            String key = "arn:aws:kms:us-east-1:123456789012:key/k1";
            List<String> kms = requirements(call(e.getKey(), type + row[0] + "='" + key + "'")).stream()
                    .filter(q -> q.action().startsWith("kms:")).map(q -> q.action() + " " + q.resource()).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 2; i < row.length - 1; i++) {
                expected.add(row[i] + " " + key);
            }
            assertEquals(expected, kms);
            assertEquals(List.of(), requirements(call(e.getKey(), type + row[0] + "='alias/aws/" + row[1] + "'"))
                    .stream().filter(q -> q.action().startsWith("kms:")).toList(), "an AWS managed key");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyNewActionIsInTheKnowledgeBaseAndMapsItsOperation() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(Files.readString(Path.of("tools/iamdata/curated.json")))
                .get("newActions");
        List<DynamicTest> tests = new ArrayList<>();
        rows.fields().forEachRemaining(e -> tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
            assertTrue(e.getValue().get("source").asText().startsWith(DOCS), e.getKey());
            ActionInfo a = KB.action(e.getKey()).orElseThrow(() -> new AssertionError(e.getKey()
                    + " is not in the knowledge base: rerun tools/iamdata/generate.mjs"));
            List<String> types = new ArrayList<>();
            e.getValue().get("resourceTypes").forEach(rt -> types.add(rt.get(0).asText()));
            assertEquals(types, a.resourceTypes().stream().map(ActionResourceType::name).toList());
            String prefix = e.getKey().substring(0, e.getKey().indexOf(':'));
            String service = prefix.equals("cognito-idp") ? "cognito-idp" : prefix;
            String op = KnowledgeBase.pythonName(a.name());
            assertEquals(List.of(a.fullName()), new RequirementMapper(KB).actionsFor(service, op).orElseThrow());
            assertEquals(e.getValue().path("assumed").asBoolean(false),
                    CuratedOperations.ASSUMED.contains(service + "." + op), e.getKey());
        })));
        return tests.stream();
    }
}
