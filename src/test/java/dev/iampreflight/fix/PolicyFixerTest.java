package dev.iampreflight.fix;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.fix.PolicyFixer.Permission;
import dev.iampreflight.fix.PolicyFixer.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyFixerTest {

    static final Path FILE = Path.of("policy-dev.json");
    static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
    static final String OTHER_TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/users";

    static Plan plan(String text, Permission... wanted) {
        return PolicyFixer.plan(FILE, ".chalice/policy-dev.json", text, List.of(wanted));
    }

    /** A policy in python's json.dumps(indent=unit) layout. */
    static String canonical(String u) {
        return "{\n"
                + u + "\"Version\": \"2012-10-17\",\n"
                + u + "\"Statement\": [\n"
                + u + u + "{\n"
                + u + u + u + "\"Effect\": \"Allow\",\n"
                + u + u + u + "\"Action\": [\n"
                + u + u + u + u + "\"dynamodb:GetItem\"\n"
                + u + u + u + "],\n"
                + u + u + u + "\"Resource\": \"" + TABLE + "\"\n"
                + u + u + "}\n"
                + u + "]\n"
                + "}\n";
    }

    @Test
    void mergesIntoAStatementWithTheSameResources() {
        Plan p = plan(canonical("  "), new Permission("dynamodb:PutItem", TABLE));
        assertEquals(canonical("  ").replace("\"dynamodb:GetItem\"\n",
                "\"dynamodb:GetItem\",\n        \"dynamodb:PutItem\"\n"), p.updated());
        assertEquals(List.of("added dynamodb:PutItem to the Action of statement #1"), p.changes());
    }

    @Test
    void mergesIntoAStatementWithTheSameActions() {
        Plan p = plan(canonical("  "), new Permission("dynamodb:GetItem", OTHER_TABLE));
        assertEquals(canonical("  ").replace("\"Resource\": \"" + TABLE + "\"\n",
                "\"Resource\": [\n        \"" + TABLE + "\",\n        \"" + OTHER_TABLE + "\"\n      ]\n"),
                p.updated());
    }

    @Test
    void appendsANewStatementWithASidWhenNothingMatches() {
        Plan p = plan(canonical("  "), new Permission("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q"),
                new Permission("s3:GetObject", "arn:aws:s3:::b/*"), new Permission("s3:PutObject", "arn:aws:s3:::b/*"));
        String expected = canonical("  ").replace("      \"Resource\": \"" + TABLE + "\"\n    }\n",
                "      \"Resource\": \"" + TABLE + "\"\n    },\n"
                        + "    {\n      \"Sid\": \"IamPreflightAutofix1\",\n      \"Effect\": \"Allow\",\n"
                        + "      \"Action\": [\n        \"s3:GetObject\",\n        \"s3:PutObject\"\n      ],\n"
                        + "      \"Resource\": [\n        \"arn:aws:s3:::b/*\"\n      ]\n    },\n"
                        + "    {\n      \"Sid\": \"IamPreflightAutofix2\",\n      \"Effect\": \"Allow\",\n"
                        + "      \"Action\": [\n        \"sqs:SendMessage\"\n      ],\n"
                        + "      \"Resource\": [\n        \"arn:aws:sqs:us-east-1:123456789012:q\"\n      ]\n    }\n");
        assertEquals(expected, p.updated());
    }

    @ParameterizedTest(name = "indent unit ''{0}''")
    @ValueSource(strings = {"  ", "    ", "\t"})
    void keepsTheFilesIndentationAndIsIdempotent(String unit) {
        String u = unit;
        Permission put = new Permission("dynamodb:PutItem", TABLE);
        Permission sqs = new Permission("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q");
        Plan first = plan(canonical(u), put, sqs);
        assertTrue(first.changed());
        assertTrue(first.updated().contains("\n" + u + u + u + u + "\"dynamodb:PutItem\"\n"), first.updated());
        assertTrue(first.updated().contains("\n" + u + u + u + "\"Sid\": \"IamPreflightAutofix1\",\n"),
                first.updated());
        assertEquals(PolicyFixer.indentUnit(canonical(u)), unit);
        Plan second = plan(first.updated(), put, sqs);
        assertFalse(second.changed(), second.diff());
        assertEquals(List.of(), second.changes());
    }

    @Test
    void alreadyAllowedPermissionsChangeNothing() {
        String text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                + "\"Resource\":\"arn:aws:dynamodb:*:*:table/*\"}]}";
        Plan p = plan(text, new Permission("DynamoDB:PutItem", TABLE));
        assertFalse(p.changed());
    }

    /** A hand-formatted file: only the edited statement and the insertion change; every other byte stays. */
    @Test
    void splicesIntoAHandFormattedFileLeavingOtherBytesAlone() {
        String text = "{\r\n"
                + "  \"Version\" : \"2012-10-17\",   \"Id\": \"orders\",\r\n"
                + "  \"Statement\": [\r\n"
                + "    { \"Sid\": \"Logs\", \"Effect\": \"Allow\", \"Action\": [\"logs:CreateLogStream\", "
                + "\"logs:PutLogEvents\"], \"Resource\": \"arn:aws:logs:*:*:*\" },\r\n"
                + "    {\"Sid\": \"Read\", \"Effect\": \"Allow\", \"Action\": [\"dynamodb:GetItem\"],\r\n"
                + "     \"Resource\": [\"" + TABLE + "\"]},\r\n"
                + "    {\"Sid\": \"Deny\", \"Effect\": \"Deny\", \"Action\": \"dynamodb:DeleteTable\", \"Resource\": \"*\"}\r\n"
                + "  ]\r\n"
                + "}";
        Plan p = plan(text, new Permission("dynamodb:Query", TABLE), new Permission("sns:Publish", "arn:aws:sns:*:*:t"));
        String expected = text
                .replace("{\"Sid\": \"Read\", \"Effect\": \"Allow\", \"Action\": [\"dynamodb:GetItem\"],\r\n"
                                + "     \"Resource\": [\"" + TABLE + "\"]}",
                        "{\r\n      \"Sid\": \"Read\",\r\n      \"Effect\": \"Allow\",\r\n      \"Action\": [\r\n"
                                + "        \"dynamodb:GetItem\",\r\n        \"dynamodb:Query\"\r\n      ],\r\n"
                                + "      \"Resource\": [\r\n        \"" + TABLE + "\"\r\n      ]\r\n    }")
                .replace("\"Resource\": \"*\"}\r\n",
                        "\"Resource\": \"*\"},\r\n    {\r\n      \"Sid\": \"IamPreflightAutofix1\",\r\n"
                                + "      \"Effect\": \"Allow\",\r\n      \"Action\": [\r\n        \"sns:Publish\"\r\n"
                                + "      ],\r\n      \"Resource\": [\r\n        \"arn:aws:sns:*:*:t\"\r\n      ]\r\n"
                                + "    }\r\n");
        assertEquals(expected, p.updated());
        assertTrue(p.updated().startsWith("{\r\n  \"Version\" : \"2012-10-17\",   \"Id\": \"orders\",\r\n"));
        assertFalse(plan(p.updated(), new Permission("dynamodb:Query", TABLE),
                new Permission("sns:Publish", "arn:aws:sns:*:*:t")).changed());
    }

    @Test
    void neverMergesIntoDenyOrConditionalStatements() {
        String text = "{\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n"
                + "      \"Resource\": \"arn:aws:s3:::b/*\",\n      \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}\n"
                + "    }\n  ]\n}\n";
        Plan p = plan(text, new Permission("s3:GetObject", "arn:aws:s3:::c/*"),
                new Permission("s3:PutObject", "arn:aws:s3:::b/*"));
        assertTrue(p.changes().stream().allMatch(c -> c.startsWith("added statement")), p.changes().toString());
        assertTrue(p.updated().startsWith(text.substring(0, text.lastIndexOf("}\n  ]"))), p.updated());
    }

    @Test
    void aSingleStatementObjectBecomesAList() {
        String text = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": {\"Effect\": \"Allow\", "
                + "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}\n}\n";
        Plan p = plan(text, new Permission("sqs:SendMessage", "arn:aws:sqs:*:*:q"));
        assertTrue(p.updated().contains("\"Statement\": [\n        {\n            \"Effect\": \"Allow\""), p.updated());
        assertTrue(p.updated().contains("\"Sid\": \"IamPreflightAutofix1\""));
        assertFalse(plan(p.updated(), new Permission("sqs:SendMessage", "arn:aws:sqs:*:*:q")).changed());
    }

    @Test
    void sidsDoNotCollideWithExistingOnes() {
        String text = "{\"Statement\": [{\"Sid\": \"IamPreflightAutofix1\", \"Effect\": \"Deny\", "
                + "\"Action\": \"s3:*\", \"Resource\": \"*\"}]}";
        assertTrue(plan(text, new Permission("sqs:SendMessage", "*")).updated()
                .contains("\"Sid\": \"IamPreflightAutofix2\""));
    }

    @Test
    void theDryRunDiffIsAUnifiedDiff() {
        Plan p = plan(canonical("  "), new Permission("dynamodb:PutItem", TABLE));
        assertEquals("--- a/.chalice/policy-dev.json\n"
                + "+++ b/.chalice/policy-dev.json\n"
                + "@@ -4,7 +4,8 @@\n"
                + "     {\n"
                + "       \"Effect\": \"Allow\",\n"
                + "       \"Action\": [\n"
                + "-        \"dynamodb:GetItem\"\n"
                + "+        \"dynamodb:GetItem\",\n"
                + "+        \"dynamodb:PutItem\"\n"
                + "       ],\n"
                + "       \"Resource\": \"" + TABLE + "\"\n"
                + "     }\n", p.diff());
        assertEquals("", plan(p.updated(), new Permission("dynamodb:PutItem", TABLE)).diff());
    }

    @Test
    void invalidJsonIsRefusedWithALocatedFindingAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        String broken = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",,}\n  ]\n}\n";
        Files.writeString(file, broken);
        Plan p = PolicyFixer.plan(file, "policy.json", List.of(new Permission("s3:GetObject", "*")));
        assertFalse(p.changed());
        assertEquals(1, p.findings().size());
        Finding f = p.findings().get(0);
        assertEquals("IAM0001", f.ruleId());
        assertEquals("policy.json", f.location().file());
        assertEquals(3, f.location().line());
        assertTrue(f.message().endsWith("the file was left unchanged"), f.message());
        assertFalse(PolicyFixer.apply(p));
        assertEquals(broken, Files.readString(file));
    }

    @Test
    void aFileWithDuplicateKeysIsRefused() {
        Plan p = plan("{\n  \"Statement\": [],\n  \"Statement\": []\n}\n", new Permission("s3:GetObject", "*"));
        assertFalse(p.changed());
        assertEquals("IAM0003", p.findings().get(0).ruleId());
        assertEquals(3, p.findings().get(0).location().line());
    }

    @Test
    void keepsAMissingFinalNewlineAndAByteOrderMark() {
        String noNewline = canonical("  ").stripTrailing();
        Plan p = plan(noNewline, new Permission("dynamodb:PutItem", TABLE));
        assertTrue(p.updated().endsWith("  ]\n}"), p.updated());
        String bom = "\uFEFF" + canonical("  ");
        Plan q = plan(bom, new Permission("dynamodb:PutItem", TABLE));
        assertTrue(q.updated().startsWith("\uFEFF{\n"), q.updated());
        assertTrue(q.updated().contains("\"dynamodb:PutItem\""));
    }

    @Test
    void aDocumentWithoutStatementsIsRefused() {
        Plan p = plan("[1, 2]\n", new Permission("s3:GetObject", "*"));
        assertEquals("IAM0002", p.findings().get(0).ruleId());
        Plan q = plan("{\"Version\": \"2012-10-17\"}", new Permission("s3:GetObject", "*"));
        assertEquals("IAM0002", q.findings().get(0).ruleId());
    }

    @Test
    void appliesAtomicallyAndOnlyWhenSomethingChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy-dev.json");
        Files.writeString(file, canonical("    "));
        List<Permission> wanted = List.of(new Permission("dynamodb:PutItem", TABLE));
        assertTrue(PolicyFixer.apply(PolicyFixer.plan(file, "policy-dev.json", wanted)));
        String once = Files.readString(file);
        assertFalse(PolicyFixer.apply(PolicyFixer.plan(file, "policy-dev.json", wanted)));
        assertEquals(once, Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void requestsComeFromFixesThatNameAPolicyFile() {
        Finding a = new Finding("IAM1001", Severity.ERROR, "m", SourceLocation.of("app.py"))
                .withFix(Fixes.allow("d", List.of("s3:GetObject"), List.of("arn:aws:s3:::b/1", "arn:aws:s3:::b/2"),
                        Optional.of(".chalice/policy-dev.json")));
        Finding b = new Finding("IAM1001", Severity.ERROR, "m", SourceLocation.of("app.py"))
                .withFix(Fixes.allow("d", List.of("sqs:SendMessage"), List.of("*"), Optional.empty()));
        assertEquals(Map.of(".chalice/policy-dev.json", List.of(new Permission("s3:GetObject", "arn:aws:s3:::b/1"),
                new Permission("s3:GetObject", "arn:aws:s3:::b/2"))), PolicyFixer.requests(List.of(a, b)));
    }

    /**
     * Issue #14: an ARN the check diagnosed as wrong (an empty account field, which matches no resource) is
     * corrected in place, not kept beside a new statement.
     */
    @Test
    void correctsAnArnWithAnEmptyAccountInsteadOfAddingBesideIt() {
        String broken = canonical("  ").replace(TABLE, "arn:aws:dynamodb:us-east-1::table/orders/index/*");
        Plan p = plan(broken, new Permission("dynamodb:GetItem", TABLE + "/index/by-customer"));
        assertEquals(canonical("  ").replace(TABLE, TABLE + "/index/*"), p.updated());
        assertEquals(List.of("corrected 'arn:aws:dynamodb:us-east-1::table/orders/index/*' to '" + TABLE
                + "/index/*' in the Resource of statement #1 (an empty account field matches no resource)"),
                p.changes());
        assertFalse(plan(p.updated(), new Permission("dynamodb:GetItem", TABLE + "/index/by-customer")).changed(),
                "a second run changes nothing");
    }

    @Test
    void keepsAnEmptyAccountWhereAwsOwnsTheResourceOrTheAccountIsNotKnown() {
        String s3 = canonical("  ").replace(TABLE, "arn:aws:ssm:us-east-1::parameter/aws/service/x");
        Plan p = plan(s3, new Permission("dynamodb:GetItem", "arn:aws:ssm:us-east-1:123456789012:parameter/aws/service/x"));
        assertTrue(p.updated().contains("\"arn:aws:ssm:us-east-1::parameter/aws/service/x\""), p.updated());
        assertTrue(p.changes().stream().noneMatch(c -> c.startsWith("corrected")), p.changes().toString());
        String unknown = canonical("  ").replace(TABLE, "arn:aws:dynamodb:us-east-1::table/orders");
        Plan q = plan(unknown, new Permission("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:*:table/orders"));
        assertTrue(q.updated().contains("\"arn:aws:dynamodb:us-east-1::table/orders\""), q.updated());
    }
}
