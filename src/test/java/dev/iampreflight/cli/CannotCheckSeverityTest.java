package dev.iampreflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #11: a target whose policy cannot be known offline is a warning when its code makes SDK calls that then go
 * unchecked (so "0 calls checked" is never a silent pass), and stays a note when it makes none.
 */
class CannotCheckSeverityTest {

    @Test
    void uncheckableCallsAreAWarningAndATargetWithoutCallsANote(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("template.yaml"), """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: worker/
                      Handler: app.handler
                      Runtime: python3.12
                      Role: arn:aws:iam::123456789012:role/existing-worker
                  Pinger:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: pinger/
                      Handler: app.handler
                      Runtime: python3.12
                      Role: arn:aws:iam::123456789012:role/existing-pinger
                """);
        Files.createDirectories(dir.resolve("worker"));
        Files.writeString(dir.resolve("worker/app.py"), """
                import boto3

                def handler(event, context):
                    boto3.client("sqs").send_message(QueueUrl=event["queue"], MessageBody="x")
                """);
        Files.createDirectories(dir.resolve("pinger"));
        Files.writeString(dir.resolve("pinger/app.py"), "def handler(event, context):\n    return 'pong'\n");
        CliRun r = CliRun.run("check", dir.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, String> severity = new TreeMap<>();
        for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) {
            if (f.get("ruleId").asText().equals("IAM1003")) {
                severity.put(f.get("target").asText(), f.get("severity").asText());
            }
        }
        assertEquals(Map.of("sam:Worker", "warning", "sam:Pinger", "note"), severity, r.out());
    }
}
