package dev.iampreflight.iamdata;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ScalarNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole-data checks: what the generator wrote hangs together, so lookups made by other stages cannot dangle. */
class BundledDataIntegrityTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();

    @Test
    void everyActionsResourceTypesAndConditionKeysResolve() {
        List<String> dangling = new ArrayList<>();
        for (String p : KB.servicePrefixes()) {
            for (ActionInfo a : KB.actions(p)) {
                for (ActionResourceType rt : a.resourceTypes()) {
                    if (rt.arnFormats().isEmpty() || KB.resourceType(p, rt.name()).isEmpty()) {
                        dangling.add(a.fullName() + " resource type " + rt.name());
                    }
                }
                for (String k : a.conditionKeys()) {
                    if (KB.conditionKey(k).isEmpty()) {
                        dangling.add(a.fullName() + " condition key " + k);
                    }
                }
            }
        }
        assertEquals(List.of(), dangling);
    }

    @Test
    void everyManagedPolicyParses() {
        for (String name : KB.managedPolicyNames()) {
            assertFalse(KB.managedPolicy(name).orElseThrow().statements().isEmpty(), name);
        }
    }

    @Test
    void everySamTemplateExpandsWithoutLeavingItsParameters() {
        for (String name : KB.samPolicyTemplateNames()) {
            SamPolicyTemplate t = KB.samPolicyTemplate(name).orElseThrow();
            Map<String, Node> args = new HashMap<>();
            for (String p : t.parameters()) {
                args.put(p, ScalarNode.string("value-of-" + p, SourceLocation.unknown()));
            }
            String expanded = t.expand(args).toString();
            for (String p : t.parameters()) {
                assertFalse(expanded.contains("text=" + p + ","), name + " still refers to " + p);
                assertTrue(expanded.contains("value-of-" + p), name + " lost " + p);
            }
        }
    }

    @Test
    void bundledDataComesFromTheVersionsTheGeneratorPins() throws Exception {
        // Guards against bumping a version in generate.mjs without regenerating (or the reverse).
        String generator = java.nio.file.Files.readString(java.nio.file.Path.of("tools/iamdata/generate.mjs"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([@a-z/-]+)': '([0-9.]+)'")
                .matcher(generator.substring(generator.indexOf("const PACKAGES"), generator.indexOf("};")));
        Map<String, String> pinned = new java.util.LinkedHashMap<>();
        while (m.find()) {
            pinned.put(m.group(1), m.group(2));
        }
        assertEquals(3, pinned.size(), pinned.toString());
        assertEquals(pinned, KB.sources());
    }

    @Test
    void sdkServicesMapToKnownIamServices() {
        for (String sdk : List.of("s3", "dynamodb", "sqs", "sns", "lambda", "kms", "ssm", "secretsmanager", "sts",
                "iam", "events", "logs", "kinesis", "firehose", "stepfunctions", "ses", "sesv2", "cognito-idp",
                "athena", "glue", "ecs", "ecr", "ec2", "rds", "rds-data", "apigateway", "cloudwatch",
                "bedrock-runtime", "textract", "rekognition", "comprehend", "translate", "polly")) {
            String prefix = KB.iamPrefixForSdk(sdk).orElseThrow(() -> new AssertionError(sdk));
            assertTrue(KB.servicePrefixes().contains(prefix), sdk + " -> " + prefix);
            assertFalse(KB.sdkOperations(sdk).isEmpty(), sdk);
        }
    }
}
