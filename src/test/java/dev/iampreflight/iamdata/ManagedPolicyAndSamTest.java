package dev.iampreflight.iamdata;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagedPolicyAndSamTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();

    private static List<String> actions(PolicyDocument doc) {
        return doc.statements().stream().flatMap(s -> s.actions().values().stream()).map(LocatedString::value)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess,                     dynamodb:GetItem",
            "AmazonDynamoDBReadOnlyAccess,                                             dynamodb:Query",
            "amazondynamodbreadonlyaccess,                                             dynamodb:Scan",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole,         logs:PutLogEvents",
            "AWSLambdaBasicExecutionRole,                                              logs:CreateLogStream",
            "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole,  logs:CreateLogGroup",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess,                           s3:Get*",
            "arn:aws:iam::aws:policy/AdministratorAccess,                              *",
    })
    void managedPolicyByArnOrName(String arnOrName, String grantedAction) {
        PolicyDocument doc = KB.managedPolicy(arnOrName).orElseThrow(() -> new AssertionError(arnOrName));
        assertTrue(actions(doc).contains(grantedAction), actions(doc).toString());
        assertTrue(doc.statements().stream().map(Statement::effect).anyMatch(e -> e.name().equalsIgnoreCase("Allow")));
    }

    @Test
    void managedPolicyIsParsedOnce() {
        assertSame(KB.managedPolicy("AmazonSQSFullAccess").orElseThrow(),
                KB.managedPolicy("arn:aws:iam::aws:policy/AmazonSQSFullAccess").orElseThrow());
        assertEquals("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                KB.managedPolicyArn("AWSLambdaBasicExecutionRole").orElseThrow());
        assertTrue(KB.managedPolicyNames().size() > 1000);
    }

    /** The file is read line by line as it is inflated: every line, across read boundaries, is a policy. */
    @Test
    void everyLineOfTheBundledFileIsAPolicy() throws java.io.IOException {
        String text;
        try (var in = new java.util.zip.GZIPInputStream(
                KnowledgeBase.class.getResourceAsStream("/dev/iampreflight/iamdata/managed-policies.tsv.gz"))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String[]> lines = text.lines().filter(l -> !l.startsWith("#")).map(l -> l.split("\t", 3)).toList();
        for (String[] l : lines) {
            assertEquals(l[1], KB.managedPolicyArn(l[0]).orElseThrow(() -> new AssertionError(l[0])));
        }
        assertEquals(lines.size(), KB.managedPolicyNames().size());
        for (String[] l : List.of(lines.get(0), lines.get(lines.size() / 2), lines.get(lines.size() - 1))) {
            PolicyDocument doc = KB.managedPolicy(l[0]).orElseThrow();
            assertEquals(l[2].contains("\"Allow\""), doc.statements().stream().map(Statement::effect)
                    .anyMatch(e -> e.name().equalsIgnoreCase("Allow")), l[0]);
            assertTrue(!doc.statements().isEmpty(), l[0]);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "NoSuchPolicy",
            "arn:aws:iam::aws:policy/NoSuchPolicy",
            // The path is part of the ARN; without it the policy does not exist.
            "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::123456789012:policy/AmazonDynamoDBReadOnlyAccess",
    })
    void unknownManagedPolicies(String arnOrName) {
        assertTrue(KB.managedPolicy(arnOrName).isEmpty());
    }

    @Test
    void samTemplates() {
        assertTrue(KB.samPolicyTemplateNames().size() >= 80);
        SamPolicyTemplate t = KB.samPolicyTemplate("DynamoDBCrudPolicy").orElseThrow();
        assertEquals(List.of("TableName"), t.parameters());
        assertEquals("Gives CRUD access to a DynamoDB Table", t.description());
        assertTrue(KB.samPolicyTemplate("NoSuchPolicy").isEmpty());
        assertEquals(List.of(), KB.samPolicyTemplate("AMIDescribePolicy").orElseThrow().parameters());
    }

    @Test
    void expandsDynamoDbCrudPolicyWithTableName() {
        SamPolicyTemplate t = KB.samPolicyTemplate("DynamoDBCrudPolicy").orElseThrow();
        Node table = new ObjectNode(List.of(new ObjectNode.Field("Ref", new SourceLocation("template.yaml", 12, 20),
                ScalarNode.string("OrdersTable", new SourceLocation("template.yaml", 12, 25)))), List.of(),
                new SourceLocation("template.yaml", 12, 20), java.util.Optional.empty());
        ObjectNode expanded = (ObjectNode) t.expand(Map.of("TableName", table));

        ObjectNode statement = (ObjectNode) ((ArrayNode) expanded.get("Statement").orElseThrow()).items().get(0);
        ArrayNode resources = (ArrayNode) statement.get("Resource").orElseThrow();
        for (Node r : resources.items()) {
            ArrayNode sub = (ArrayNode) ((ObjectNode) r).get("Fn::Sub").orElseThrow();
            // The pseudo parameters in the Sub string stay for the CloudFormation resolver.
            assertTrue(((ScalarNode) sub.items().get(0)).text().contains("${AWS::Region}"));
            Node tableName = ((ObjectNode) sub.items().get(1)).get("tableName").orElseThrow();
            assertSame(table, tableName);
        }
        // The template itself is untouched.
        assertTrue(t.definition().toString().contains("TableName"));
    }

    @Test
    void expandingWithoutAParameterNamesIt() {
        SamPolicyTemplate t = KB.samPolicyTemplate("SQSSendMessagePolicy").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.expand(Map.of()));
        assertTrue(e.getMessage().contains("'QueueName'"), e.getMessage());
    }

    @Test
    void expandingATemplateWithoutParameters() {
        SamPolicyTemplate t = KB.samPolicyTemplate("AMIDescribePolicy").orElseThrow();
        assertInstanceOf(ObjectNode.class, t.expand(Map.of()));
    }
}
