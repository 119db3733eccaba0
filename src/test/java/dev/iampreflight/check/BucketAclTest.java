package dev.iampreflight.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bucket's canned ACL grants like a bucket policy while the bucket's ACLs are in effect, which the IaC cannot show
 * (Object Ownership and Block Public Access defaults changed in April 2023): a denial that such a grant covers is a
 * warning that says so, never an error; the IaC disabling ACLs, a grant that does not cover the action, or an explicit
 * deny keep the error. (The corpus's linz/qgis-plugin-repository: HeadBucket on a PublicRead bucket.)
 */
class BucketAclTest {

    private static final String CODE = """
            import os
            import boto3

            s3 = boto3.client("s3")


            def handler(event, context):
                s3.head_bucket(Bucket=os.environ["BUCKET"])
                s3.put_object(Bucket=os.environ["BUCKET"], Key="x", Body=b"1")
            """;

    private static String sam(String bucketProperties, String extraStatement) {
        return """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  SiteBucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: acme-site
                """ + bucketProperties + """
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/
                      Handler: app.handler
                      Runtime: python3.12
                      Environment:
                        Variables:
                          BUCKET: !Ref SiteBucket
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: s3:GetObject
                              Resource: arn:aws:s3:::acme-site/*
                """ + extraStatement;
    }

    /** "RULE action line" of each finding about the bucket's calls, and the messages. */
    private static List<String> run(Path dir, String template, boolean terraform) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/app.py"), CODE);
        Files.writeString(dir.resolve(terraform ? "main.tf" : "template.yaml"), template);
        CliRun r = CliRun.run("check", dir.toString(), "--format", "json");
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            JsonNode action = f.get("action");
            if (action != null && !action.isNull() && action.asText().startsWith("s3:")) {
                out.add(f.get("ruleId").asText() + " " + action.asText() + " " + f.get("location").get("line").asInt()
                        + " | " + f.get("message").asText());
            }
        }
        return out;
    }

    private static List<String> heads(List<String> findings) {
        return findings.stream().map(s -> s.substring(0, s.indexOf(" | "))).toList();
    }

    @Test
    void aPublicReadBucketMakesTheListDenialAWarningThatNamesTheAcl(@TempDir Path tmp) throws Exception {
        List<String> f = run(tmp, sam("      AccessControl: PublicRead\n", ""), false);
        assertEquals(List.of("IAM1002 s3:ListBucket 8", "IAM1001 s3:PutObject 9"), heads(f), f.toString());
        assertTrue(f.get(0).contains("The bucket's ACL PublicRead (template.yaml:8:22) grants READ to everyone"
                + " (AllUsers), which allows s3:ListBucket while the bucket's ACLs are in effect"), f.get(0));
        assertTrue(f.get(0).contains("BucketOwnerEnforced"), f.get(0));
    }

    @Test
    void publicReadWriteAlsoCoversObjectWrites(@TempDir Path tmp) throws Exception {
        List<String> f = run(tmp, sam("      AccessControl: PublicReadWrite\n", ""), false);
        assertEquals(List.of("IAM1002 s3:ListBucket 8", "IAM1002 s3:PutObject 9"), heads(f), f.toString());
        assertTrue(f.get(1).contains("grants WRITE to everyone"), f.get(1));
    }

    @Test
    void theIacDisablingAclsOrIgnoringPublicOnesKeepsTheErrors(@TempDir Path tmp) throws Exception {
        String ownership = """
                      OwnershipControls:
                        Rules:
                          - ObjectOwnership: %s
                """;
        // Bucket properties beside AccessControl: PublicRead -> the findings they leave.
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put(ownership.formatted("BucketOwnerEnforced"),
                List.of("IAM1001 s3:ListBucket 8", "IAM1001 s3:PutObject 9"));
        cases.put("      PublicAccessBlockConfiguration:\n        IgnorePublicAcls: true\n",
                List.of("IAM1001 s3:ListBucket 8", "IAM1001 s3:PutObject 9"));
        // ACLs enabled, but the account's Block Public Access (not in the IaC) may still ignore a public one.
        cases.put(ownership.formatted("BucketOwnerPreferred"),
                List.of("IAM1002 s3:ListBucket 8", "IAM1001 s3:PutObject 9"));
        int n = 0;
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            List<String> f = run(tmp.resolve("case" + n++), sam("      AccessControl: PublicRead\n" + c.getKey(), ""),
                    false);
            assertEquals(c.getValue(), heads(f), c.getKey() + ": " + f);
        }
    }

    @Test
    void aPrivateOrOwnerAclGrantsNothing(@TempDir Path tmp) throws Exception {
        for (String acl : List.of("Private", "BucketOwnerFullControl", "LogDeliveryWrite")) {
            List<String> f = run(tmp.resolve(acl), sam("      AccessControl: " + acl + "\n", ""), false);
            assertEquals(List.of("IAM1001 s3:ListBucket 8", "IAM1001 s3:PutObject 9"), heads(f), acl + ": " + f);
        }
    }

    @Test
    void anExplicitDenyIsNotLiftedByAnAcl(@TempDir Path tmp) throws Exception {
        List<String> f = run(tmp, sam("      AccessControl: PublicRead\n", """
                            - Effect: Deny
                              Action: s3:ListBucket
                              Resource: arn:aws:s3:::acme-site
                """), false);
        assertEquals(List.of("IAM1001 s3:ListBucket 8", "IAM1001 s3:PutObject 9"), heads(f), f.toString());
    }

    private static final String TF = """
            resource "aws_s3_bucket" "site" {
              bucket = "acme-site"
            %s}
            %s
            resource "aws_iam_role" "fn" {
              name               = "fn"
              assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow",
                Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
            }

            resource "aws_iam_role_policy" "fn" {
              role   = aws_iam_role.fn.id
              policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject",
                Resource = "${aws_s3_bucket.site.arn}/*" }] })
            }

            resource "aws_lambda_function" "fn" {
              function_name = "fn"
              role          = aws_iam_role.fn.arn
              handler       = "app.handler"
              runtime       = "python3.12"
              filename      = "fn.zip"
              environment {
                variables = { BUCKET = aws_s3_bucket.site.bucket }
              }
            }
            """;

    @Test
    void terraformReadsTheBucketsAclArgumentAndItsOwnResources(@TempDir Path tmp) throws Exception {
        List<String> inline = run(tmp.resolve("a"), TF.formatted("  acl    = \"public-read\"\n", ""), true);
        assertEquals(List.of("IAM1002 s3:ListBucket 8", "IAM1001 s3:PutObject 9"), heads(inline), inline.toString());
        assertTrue(inline.get(0).contains("The bucket's ACL public-read (main.tf:3:12) grants READ"), inline.get(0));

        List<String> separate = run(tmp.resolve("b"), TF.formatted("", """
                resource "aws_s3_bucket_acl" "site" {
                  bucket = aws_s3_bucket.site.id
                  acl    = "public-read-write"
                }
                """), true);
        assertEquals(List.of("IAM1002 s3:ListBucket 8", "IAM1002 s3:PutObject 9"), heads(separate),
                separate.toString());

        List<String> enforced = run(tmp.resolve("c"), TF.formatted("", """
                resource "aws_s3_bucket_acl" "site" {
                  bucket = aws_s3_bucket.site.id
                  acl    = "public-read"
                }
                resource "aws_s3_bucket_ownership_controls" "site" {
                  bucket = aws_s3_bucket.site.id
                  rule {
                    object_ownership = "BucketOwnerEnforced"
                  }
                }
                """), true);
        assertEquals(List.of("IAM1001 s3:ListBucket 8", "IAM1001 s3:PutObject 9"), heads(enforced),
                enforced.toString());
    }
}
