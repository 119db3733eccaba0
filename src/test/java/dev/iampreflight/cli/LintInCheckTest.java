package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #16: check runs the lint rules on the policies it reads when .iam-preflight.yml says {@code lint: true} (or
 * a severity), as findings of its own (suppressions, --fail-on and reporters apply); without the key it does not.
 */
class LintInCheckTest {

    /** A SAM function whose inline policy names a table with an empty account (IAM2205) and allows s3:* (IAM2502). */
    static void app(Path dir) throws Exception {
        Files.writeString(dir.resolve("template.yaml"), """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/
                      Handler: app.handler
                      Runtime: python3.12
                      Policies:
                        - Version: "2012-10-17"
                          Statement:
                            - Effect: Allow
                              Action: dynamodb:PutItem
                              Resource: arn:aws:dynamodb:us-east-1::table/orders
                            - Effect: Allow
                              Action: s3:*
                              Resource: arn:aws:s3:::orders-archive/*
                """);
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/app.py"), """
                def handler(event, context):
                    return {"ok": True}
                """);
    }

    static List<String> rules(CliRun r) throws Exception {
        JsonNode report = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> out.add(f.get("ruleId").asText() + "@" + f.get("location").get("line")
                .asInt()));
        return out;
    }

    @Test
    void checkReportsTheLintFindingsOfThePoliciesItReads(@TempDir Path dir) throws Exception {
        app(dir);
        List<String> without = rules(CliRun.run("check", "--format", "json", dir.toString()));
        assertTrue(without.stream().noneMatch(id -> id.startsWith("IAM2")), "off without the key: " + without);
        Files.writeString(dir.resolve(".iam-preflight.yml"), "lint: true\n");
        CliRun r = CliRun.run("check", "--format", "json", dir.toString());
        List<String> rules = rules(r);
        assertTrue(rules.contains("IAM2205@15"), rules + r.err());
        assertTrue(rules.contains("IAM2502@17"), rules.toString());
        assertEquals(1, r.code(), "the empty-account ARN is an error, so the gate fails");
        assertEquals(0, CliRun.run("check", "--format", "json", "--fail-on", "never", dir.toString()).code());
    }

    @Test
    void lintFalseTurnsThemOffAndASeverityKeepsTheSevereOnes(@TempDir Path dir) throws Exception {
        app(dir);
        Files.writeString(dir.resolve(".iam-preflight.yml"), "lint: false\n");
        List<String> off = rules(CliRun.run("check", "--format", "json", dir.toString()));
        assertTrue(off.stream().noneMatch(id -> id.startsWith("IAM2")), off.toString());

        Files.writeString(dir.resolve(".iam-preflight.yml"), "lint: error\n");
        List<String> errors = rules(CliRun.run("check", "--format", "json", dir.toString()));
        assertTrue(errors.contains("IAM2205@15"), errors.toString());
        assertFalse(errors.contains("IAM2502@17"), errors.toString());

        // A rule raised to error by the rules setting passes the threshold; one switched off is gone.
        Files.writeString(dir.resolve(".iam-preflight.yml"), "lint: error\nrules:\n  IAM2502: error\n  IAM2205: off\n");
        List<String> raised = rules(CliRun.run("check", "--format", "json", dir.toString()));
        assertTrue(raised.contains("IAM2502@17"), raised.toString());
        assertFalse(raised.contains("IAM2205@15"), raised.toString());
    }

    @Test
    void lintFindingsAreIgnoredLikeAnyOther(@TempDir Path dir) throws Exception {
        app(dir);
        Files.writeString(dir.resolve(".iam-preflight.yml"), """
                lint: true
                ignore:
                  - rule: IAM2205
                    reason: the account is filled in by the deploy pipeline
                    path: template.yaml
                  - rule: IAM2208
                    reason: the same ARN, whose account the pipeline fills in
                    path: template.yaml
                """);
        CliRun r = CliRun.run("check", "--format", "json", dir.toString());
        assertFalse(rules(r).contains("IAM2205@15"), rules(r).toString());
        assertEquals(0, r.code(), r.out());
    }
}
