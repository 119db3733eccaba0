package dev.iampreflight.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code iam-preflight lint} through the CLI entry point: exit codes, formats, config and baselines as for check. */
class LintCommandTest {

    static final String BAD = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::media/*"}
              ]
            }
            """;

    @Test
    void anErrorFailsTheRunWithALocatedFinding(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.json"), BAD);
        CliRun r = CliRun.run("lint", dir.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("policy.json:4:35: error IAM2208"), r.out());
    }

    @Test
    void failOnNeverPassesAndSarifNamesTheLintRule(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.json"), BAD);
        CliRun r = CliRun.run("lint", "--fail-on", "never", "--format", "sarif", dir.resolve("policy.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"action-resource-mismatch\""), r.out());
    }

    @Test
    void theConfigFileSwitchesARuleOff(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.json"), BAD);
        Files.writeString(dir.resolve(".iam-preflight.yml"), "rules:\n  IAM2208: off\n");
        CliRun r = CliRun.run("lint", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("IAM2208"), r.out());
    }

    @Test
    void aBaselineHidesKnownFindings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.json"), BAD);
        Path baseline = dir.resolve("baseline.json");
        assertEquals(0, CliRun.run("lint", "--write-baseline", baseline.toString(), dir.toString()).code());
        CliRun r = CliRun.run("lint", "--baseline", baseline.toString(), dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void noPolicyIsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.md"), "nothing here");
        CliRun r = CliRun.run("lint", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no IAM policy found"), r.err());
    }

    @Test
    void anApiDefinitionAloneIsLintedWithTheIncidentRules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("openapi.yaml"), """
                openapi: 3.0.1
                info: {title: api, version: "1"}
                securityDefinitions:
                  auth: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: custom}
                paths:
                  /a: {get: {security: [{auth: []}]}}
                """);
        CliRun r = CliRun.run("lint", dir.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("openapi.yaml:3:1: error IAM2701"), r.out());
        assertFalse(r.err().contains("no IAM policy"), r.err());
    }

    @Test
    void policiesInATerraformConfigurationAreLinted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_iam_role" "worker" {
                  name               = "worker"
                  assume_role_policy = jsonencode({
                    Version   = "2012-10-17"
                    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                                   Principal = { Service = "lambda.amazonaws.com" } }]
                  })
                }

                resource "aws_iam_role_policy" "worker" {
                  role   = aws_iam_role.worker.id
                  policy = jsonencode({
                    Version   = "2012-10-17"
                    Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem",
                                   Resource = "arn:aws:dynamodb:us-east-1::table/orders" }]
                  })
                }
                """);
        CliRun r = CliRun.run("lint", dir.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("main.tf:") && r.out().contains("IAM2205"), r.out());
    }
}
