package dev.iampreflight.check;

import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.core.Finding;
import dev.iampreflight.iac.cloudformation.CloudFormationReader;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.ProjectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TargetCode#lookahead}: the code each target runs is computed ahead on other threads, and each target's calls,
 * findings and unsure notes are exactly those of asking about the targets one by one without it.
 */
class TargetCodeLookaheadTest {

    @TempDir
    Path dir;

    private static final BiPredicate<String, String> NO_LOW_MATCHES = (service, op) -> false;

    @Test
    void targetsSharingACodeFolderGetTheSameCallsWithAndWithoutLookahead() throws Exception {
        Files.createDirectories(dir.resolve("src/lib"));
        Files.writeString(dir.resolve("src/lib/__init__.py"), "");
        Files.writeString(dir.resolve("src/lib/store.py"), """
                import boto3
                s3 = boto3.client('s3')
                def put(key):
                    s3.put_object(Bucket='b', Key=key, Body=b'')
                """);
        Files.writeString(dir.resolve("src/orders.py"), """
                import boto3
                from lib.store import put
                def handler(e, c):
                    put('orders/' + e['id'])
                    boto3.client('sqs').send_message(QueueUrl='q', MessageBody='m')
                """);
        Files.writeString(dir.resolve("src/users.py"), """
                import os
                import boto3
                TABLE = os.environ['USERS_TABLE']
                def handler(e, c):
                    boto3.resource('dynamodb').Table(TABLE).get_item(Key={'id': e['id']})
                """);
        Files.writeString(dir.resolve("src/unused.py"), """
                import boto3
                def handler(e, c):
                    boto3.client('sns').publish(TopicArn='t', Message='m')
                """);
        Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: src/, Handler: orders.handler, Runtime: python3.12}
                  Users:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/
                      Handler: users.handler
                      Runtime: python3.12
                      Environment: {Variables: {OTHER: x}}
                  UsersWithTable:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/
                      Handler: users.handler
                      Runtime: python3.12
                      Environment: {Variables: {USERS_TABLE: users}}
                  Missing:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: src/, Handler: nowhere.handler, Runtime: python3.12}
                  OrdersAgain:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: src/, Handler: orders.handler, Runtime: python3.12}
                """);
        List<DeployTarget> targets = CloudFormationReader.read(dir, dir.resolve("template.yaml"),
                ProjectOptions.defaults(), Map.of()).targets();
        assertEquals(5, targets.size());

        TargetCode plain = new TargetCode(dir, new PythonScanner(List.of(), NO_LOW_MATCHES));
        TargetCode ahead = new TargetCode(dir, new PythonScanner(List.of(), NO_LOW_MATCHES));
        ahead.lookahead(targets);
        List<Finding> plainFindings = new ArrayList<>();
        List<Finding> aheadFindings = new ArrayList<>();
        for (DeployTarget t : targets) {
            List<SdkCall> p = plain.calls(t, plainFindings);
            List<SdkCall> a = ahead.calls(t, aheadFindings);
            assertEquals(p, a, t.name());
            for (SdkCall c : p) {
                assertEquals(plain.unsure(t, c.location()), ahead.unsure(t, c.location()), t.name());
            }
        }
        assertEquals(plainFindings, aheadFindings);
        assertEquals(plain.guardedOff(), ahead.guardedOff());
        // The cases differ, so the comparison means something: the handler's own module decides what is charged,
        // a target without USERS_TABLE stops at os.environ, and a handler that names no module is said to.
        Map<String, DeployTarget> byName = new java.util.HashMap<>();
        targets.forEach(t -> byName.put(t.name().replaceAll(".*[:/]", ""), t));
        assertEquals(Set.of("s3", "sqs"), services(ahead.calls(byName.get("Orders"), new ArrayList<>())),
                byName.keySet().toString());
        assertEquals(Set.of("s3", "sqs"), services(ahead.calls(byName.get("OrdersAgain"), new ArrayList<>())));
        assertTrue(services(ahead.calls(byName.get("Users"), new ArrayList<>())).isEmpty());
        assertEquals(Set.of("dynamodb"), services(ahead.calls(byName.get("UsersWithTable"), new ArrayList<>())));
        assertTrue(aheadFindings.stream().anyMatch(f -> f.message().contains("nowhere.handler")), aheadFindings
                .toString());
    }

    private static Set<String> services(List<SdkCall> calls) {
        Set<String> out = new java.util.TreeSet<>();
        calls.forEach(c -> out.add(c.service()));
        return out;
    }
}
