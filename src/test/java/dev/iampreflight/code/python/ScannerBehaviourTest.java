package dev.iampreflight.code.python;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.iampreflight.code.python.ScanHarness.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScannerBehaviourTest {

    @Test
    void declaredWrappersBecomeSdkCalls() {
        List<SdkWrapper> wrappers = List.of(
                new SdkWrapper("aws_lambda_powertools.utilities.parameters.get_parameters", "ssm",
                        "GetParametersByPath", Map.of("Path", "0")),
                new SdkWrapper("fetch_secret", "secretsmanager", "get_secret_value", Map.of("SecretId", "name")));
        ScanResult r = ScanHarness.scan(files("app.py", """
                from aws_lambda_powertools.utilities import parameters
                from mylib import fetch_secret
                def handler(event, context):
                    parameters.get_parameters('/app/config')
                    fetch_secret(name='prod/db')
                    other.get_parameters('/not/a/wrapper/call')
                """), wrappers);
        assertEquals(List.of("ssm.get_parameters_by_path(Path='/app/config') HIGH",
                "secretsmanager.get_secret_value(SecretId='prod/db') HIGH",
                "ssm.get_parameters_by_path(Path='/not/a/wrapper/call') LOW"), ScanHarness.rendered(r));
    }

    @Test
    void aProjectFunctionDeclaredInDottedFormIsAWrapperAndItsParametersBindPositionally() {
        // docs/configuration.md: function is the dotted name of the project's own function; arguments name its
        // parameters, which a call may pass by position or keyword.
        List<SdkWrapper> wrappers = List.of(new SdkWrapper("chalicelib.config.load", "ssm", "GetParametersByPath",
                Map.of("Path", "prefix", "Recursive", "'true'")));
        ScanResult r = ScanHarness.scan(files(
                "chalicelib/__init__.py", "",
                "chalicelib/config.py", """
                        def load(prefix, decrypt=True):
                            return {}
                        """,
                "app.py", """
                        from chalicelib import config
                        from chalicelib.config import load as load_config
                        import chalicelib.config
                        def handler(event, context):
                            config.load('/app/a')
                            load_config(prefix='/app/b')
                            chalicelib.config.load('/app/c', False)
                        def load(prefix):
                            return prefix
                        def other(event, context):
                            load('/not/the/wrapper')
                        """), wrappers);
        assertEquals(List.of("ssm.get_parameters_by_path(Path='/app/a', Recursive='true') HIGH",
                "ssm.get_parameters_by_path(Path='/app/b', Recursive='true') HIGH",
                "ssm.get_parameters_by_path(Path='/app/c', Recursive='true') HIGH"), ScanHarness.rendered(r));
    }

    @Test
    void clientsCachedInADictAnAttributeOrAClosureAreFollowed() {
        ScanResult r = PythonScanner.withKnowledgeBase(KnowledgeBase.bundled(), List.of()).scanSources(Map.of(
                "app.py", """
                        import os
                        import boto3
                        _clients = {}
                        def get_client(name):
                            if name not in _clients:
                                _clients[name] = boto3.client(name)
                            return _clients[name]
                        def handler(event, context):
                            get_client("s3").put_object(Bucket="b1", Key="k")
                            _clients["s3"].get_object(Bucket="b2", Key="k")
                            get_client("guardduty").list_detectors()
                            _clients[event["service"]].list_findings(DetectorId="d")
                        class Repo:
                            def __init__(self):
                                self.table = boto3.resource("dynamodb").Table(os.environ["T"])
                            def save(self, item):
                                self.table.put_item(Item=item)
                        def make_sender():
                            sqs = boto3.client("sqs")
                            def send(body):
                                sqs.send_message(QueueUrl="u", MessageBody=body)
                            return send
                        """));
        assertEquals(List.of("s3.put_object(Bucket='b1', Key='k') HIGH",
                "s3.get_object(Bucket='b2', Key='k') HIGH",
                "guardduty.list_detectors() HIGH",
                "guardduty.list_findings(DetectorId='d') HIGH",
                "dynamodb.put_item(TableName=env[T], Item=?) HIGH",
                "sqs.send_message(QueueUrl='u', MessageBody=?) HIGH"), ScanHarness.rendered(r),
                "a client is the service its key names (not s3 and guardduty at once); a computed key reads every "
                        + "client the cache may hold, narrowed to those having the operation");
    }

    @Test
    void builtInWebsocketWrappersMatchOnlyTheAppsWebsocketApi() {
        ScanResult r = ScanHarness.scan(files("app.py", """
                import logging
                from chalice import Chalice
                from mylib import make_channel
                app = Chalice(app_name='chat')
                logger = logging.getLogger(__name__)
                @app.on_ws_message()
                def message(event):
                    app.websocket_api.send(event.connection_id, 'hi')
                    logger.info('sent')
                    fh = open('/tmp/x')
                    fh.close()
                    make_channel().send('x')
                    def later(sock):
                        sock.info()
                """), List.of());
        assertEquals(List.of("apigatewaymanagementapi.post_to_connection(ConnectionId=?) HIGH"),
                ScanHarness.rendered(r));
    }

    @Test
    void lowConfidenceMatchesUseTheKnowledgeBaseOperations() {
        ScanResult r = PythonScanner.withKnowledgeBase(KnowledgeBase.bundled(), List.of()).scanSources(Map.of(
                "app.py", """
                        import boto3
                        sqs = boto3.client('sqs')
                        def forward(client, body):
                            client.send_message(QueueUrl='u', MessageBody=body)
                            client.describe_instances()
                            client.update(x=1)
                        """));
        assertEquals(List.of("sqs.send_message(QueueUrl='u', MessageBody=?) LOW"), ScanHarness.rendered(r));
        SdkCall c = r.calls().get(0);
        assertEquals(Confidence.LOW, c.confidence());
        assertEquals("forward", c.enclosingFunction());
        assertEquals(4, c.location().line());
        assertEquals(12, c.location().column());
    }

    @Test
    void parseErrorsAreLocatedWarningsAndTheRestIsScanned(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.py"), "import boto3\ndef f(:\n    pass\nboto3.client('s3').list_buckets()\n");
        Files.writeString(dir.resolve("good.py"), "import boto3\nboto3.client('sqs').list_queues()\n");
        Files.createDirectories(dir.resolve(".venv/lib"));
        Files.writeString(dir.resolve(".venv/lib/x.py"), "import boto3\nboto3.client('s3').delete_bucket(Bucket='b')\n");
        ScanResult r = new PythonScanner(List.of(), (s, o) -> false, 2).scan(dir);
        assertEquals(2, r.filesScanned());
        assertEquals(1, r.findings().size());
        assertEquals(ReservedRules.UNPARSABLE, r.findings().get(0).ruleId());
        assertEquals(Severity.WARNING, r.findings().get(0).severity());
        assertEquals("bad.py", r.findings().get(0).location().file());
        assertEquals(2, r.findings().get(0).location().line());
        assertEquals(List.of("s3.list_buckets() HIGH", "sqs.list_queues() HIGH"), ScanHarness.rendered(r));
    }

    @Test
    void columnsCountCharactersNotBytes() {
        ScanResult r = ScanHarness.scan("import boto3\nnote = 'héllo'; boto3.client('sqs').list_queues()\n");
        SdkCall c = r.calls().get(0);
        assertEquals(2, c.location().line());
        assertEquals(37, c.location().column(), "38 if counted in bytes");
    }

    @Test
    void charactersOutsideTheBmpKeepOffsetsAligned() {
        // Emoji are four bytes in UTF-8 but six in the JNI string form: offsets must follow the real UTF-8 bytes.
        String emoji = "\uD83D\uDE80";
        StringBuilder src = new StringBuilder("import boto3\n");
        for (int i = 0; i < 20; i++) {
            src.append("# launch ").append(emoji).append(emoji).append('\n');
        }
        src.append("def handler(event, context):\n    boto3.client('sns').publish(TopicArn='arn:aws:sns:us-east-1:1:t', "
                + "Message='" + emoji + "')\n");
        ScanResult r = ScanHarness.scan(src.toString());
        assertEquals(List.of(), r.findings());
        SdkCall c = r.calls().get(0);
        assertEquals("sns.publish(TopicArn='arn:aws:sns:us-east-1:1:t', Message='" + emoji + "') HIGH",
                ScanHarness.render(c));
        assertEquals(23, c.location().line());
        assertEquals("handler", c.enclosingFunction());
    }

    @Test
    void aRecursiveHelperThatRebuildsADictNeverLosesTheCall() {
        // Corpus app 45678XYZ: each level of prepare_item nested the dict value once more until the stack overflowed
        // (34 s, 800 MB) and the put_item was left out.
        ScanResult r = ScanHarness.scan("""
                import boto3
                from decimal import Decimal

                def prepare_item(obj):
                    if isinstance(obj, float):
                        return Decimal(str(obj))
                    if isinstance(obj, list):
                        return [prepare_item(item) for item in obj if item is not None]
                    if isinstance(obj, dict):
                        return {key: prepare_item(value) for key, value in obj.items() if value is not None}
                    return obj

                def handler(event, context):
                    item = dict(event)
                    item.setdefault("n", 1)
                    boto3.resource("dynamodb").Table("t").put_item(Item=prepare_item(item))
                """);
        assertEquals(List.of(), r.findings());
        assertEquals(1, r.calls().size());
        assertEquals("dynamodb", r.calls().get(0).service());
        assertEquals("put_item", r.calls().get(0).operation());
        assertEquals(16, r.calls().get(0).location().line());
    }

    @Test
    void enclosingFunctionsAreDottedNames() {
        ScanResult r = ScanHarness.scan("""
                import boto3
                class Jobs:
                    def run(self):
                        def step():
                            boto3.client('sqs').list_queues()
                        step()
                boto3.client('sns').list_topics()
                """);
        assertEquals("Jobs.run.step", r.calls().get(0).enclosingFunction());
        assertEquals("<module>", r.calls().get(1).enclosingFunction());
    }

    @Test
    void recursionAndCyclesTerminate() {
        ScanResult r = ScanHarness.scan("""
                import boto3
                def a(x):
                    return b(x)
                def b(x):
                    return a(x) or boto3.client('s3')
                c = c
                a(1).put_object(Bucket='b', Key='k')
                """);
        assertTrue(ScanHarness.rendered(r).contains("s3.put_object(Bucket='b', Key='k') HIGH"), r.calls().toString());
    }
}
