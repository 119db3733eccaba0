package dev.iampreflight.cli;

import static dev.iampreflight.cli.CliRun.run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {



    @Test
    void explainsAnAction() {
        CliRun r = run("explain", "dynamodb:UpdateItem");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                dynamodb:UpdateItem (Amazon DynamoDB)
                  Access level: Write
                  Resource types:
                    table (required)
                      arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}
                  Condition keys:
                    dynamodb:Attributes              ArrayOfString
                    dynamodb:EnclosingOperation      String
                    dynamodb:LeadingKeys             ArrayOfString
                    dynamodb:ReturnConsumedCapacity  String
                    dynamodb:ReturnValues            String
                  Dependent actions: none
                """, r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void explainsAWildcardOnlyActionCaseInsensitively() {
        CliRun r = run("explain", "S3:listallmybuckets");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("s3:ListAllMyBuckets (Amazon S3)"), r.out());
        assertTrue(r.out().contains("only \"Resource\": \"*\" grants this action"), r.out());
    }

    @Test
    void listsTheActionsAWildcardMatches() {
        CliRun r = run("explain", "s3:Get*Acl");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                s3:Get*Acl matches 3 actions:
                  s3:GetBucketAcl         Read
                  s3:GetObjectAcl         Read
                  s3:GetObjectVersionAcl  Read
                """, r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void printsJson() throws Exception {
        CliRun r = run("explain", "--format", "json", "dynamodb:UpdateItem");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode a = root.get("actions").get(0);
        assertEquals(1, root.get("actions").size());
        assertEquals("dynamodb:UpdateItem", a.get("name").asText());
        assertEquals("Write", a.get("accessLevel").asText());
        JsonNode rt = a.get("resourceTypes").get(0);
        assertEquals("table", rt.get("name").asText());
        assertTrue(rt.get("required").asBoolean());
        assertEquals("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}",
                rt.get("arnFormats").get(0).asText());
        JsonNode key = a.get("conditionKeys").get(2);
        assertEquals("dynamodb:LeadingKeys", key.get("name").asText());
        assertEquals("ArrayOfString", key.get("type").asText());
    }

    @Test
    void printsJsonForAWildcardToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.json");
        CliRun r = run("explain", "-f", "json", "-o", file.toString(), "sqs:Send*");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        JsonNode actions = new ObjectMapper().readTree(Files.readString(file)).get("actions");
        assertEquals("sqs:SendMessage", actions.get(0).get("name").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "dynamodb:UpdateItems | 'dynamodb:UpdateItems' is not an action of dynamodb; did you mean 'dynamodb:UpdateItem'?",
            "dynamo:GetItem       | 'dynamo' is not an IAM service prefix; did you mean 'dynamodb:GetItem'?",
            "sesv2:SendEmail      | 'sesv2' is an SDK service name, not an IAM service prefix; did you mean 'ses:SendEmail'?",
            "s3:Gett*             | 's3:Gett*' matches no action of s3",
            "UpdateItem           | 'UpdateItem' is not an IAM action; write service:Action, e.g. dynamodb:UpdateItem or s3:Get*",
    })
    void unknownActionsAreUsageErrors(String action, String message) {
        CliRun r = run("explain", action);
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("iam-preflight: error: " + message, r.err().strip());
    }

    @Test
    void explainsAPastedAccessDeniedMessage() {
        CliRun r = run("explain", "User: arn:aws:sts::123456789012:assumed-role/orders/fn is not authorized to perform: "
                + "dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/ByDate "
                + "because no identity-based policy allows the dynamodb:PutItem action");
        assertEquals(0, r.code(), r.err());
        String out = r.out().replace(System.lineSeparator(), "\n");
        assertTrue(out.startsWith("""
                Denied: dynamodb:PutItem on arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/ByDate
                  Principal: arn:aws:sts::123456789012:assumed-role/orders/fn
                  Reason: because no identity-based policy allows the dynamodb:PutItem action
                  Resource type: index of dynamodb (arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName})

                dynamodb:PutItem (Amazon DynamoDB)
                """), out);
    }

    @Test
    void anAccessDeniedMessageInJson() throws Exception {
        CliRun r = run("explain", "-f", "json", "User:", "arn:aws:iam::1:user/bob", "is", "not", "authorized", "to",
                "perform:", "iam:ListRoles");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("iam:ListRoles", root.get("denied").get("action").asText());
        assertTrue(root.get("denied").get("resource").isNull());
        assertEquals("iam:ListRoles", root.get("actions").get(0).get("name").asText());
    }

    @Test
    void explainsSeveralActions() throws Exception {
        CliRun r = run("explain", "sqs:SendMessage", "s3:Get*Acl");
        assertEquals(0, r.code(), r.err());
        String out = r.out().replace(System.lineSeparator(), "\n");
        assertTrue(out.startsWith("sqs:SendMessage (Amazon SQS)\n"), out);
        assertTrue(out.contains("\n\ns3:Get*Acl matches 3 actions:\n"), out);

        CliRun json = run("explain", "-f", "json", "sqs:SendMessage", "s3:Get*Acl");
        assertEquals(4, new ObjectMapper().readTree(json.out()).get("actions").size());
    }

    @Test
    void aTypoInAnyOfSeveralActionsPrintsNothing() {
        CliRun r = run("explain", "sqs:SendMessage", "s3:GetObjectt");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("'s3:GetObjectt' is not an action of s3; did you mean 's3:GetObject'?"), r.err());
    }

    @Test
    void textThatIsNeitherIsAUsageError() {
        CliRun r = run("explain", "hello", "world");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'hello world' is neither an IAM action nor an AccessDenied message"), r.err());
    }

    @Test
    void rejectsFormatsItDoesNotProduce() {
        CliRun r = run("explain", "--format", "sarif", "dynamodb:GetItem");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("this command supports text, json"), r.err());
    }
}
