package dev.iampreflight.code.python;

import dev.iampreflight.code.Reachability;
import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which calls a Lambda-style handler can reach: tables of (files, code roots, handler) -> the calls charged, each
 * as {@code file:line operation}.
 */
class ReachabilityTest {

    /** The calls reachable from {@code handler} with the code folders {@code roots}. */
    private static List<String> charged(Map<String, String> files, List<String> roots, String handler) {
        ScanResult r = ScanHarness.scan(files, List.of());
        Optional<String> entry = Reachability.entryFile(handler, roots, r.facts());
        if (entry.isEmpty()) {
            return List.of("no entry");
        }
        Reachability reach = Reachability.from(r.facts(), roots, entry.get(), Reachability.entryFunction(handler));
        List<String> out = new ArrayList<>();
        for (SdkCall c : r.calls()) {
            if (reach.includes(c.location().file(), c.enclosingFunction())) {
                out.add(c.location().file() + ":" + c.location().line() + " " + c.operation());
            }
        }
        return out;
    }

    private static Map<String, String> files(String... pathsAndSources) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            out.put(pathsAndSources[i], pathsAndSources[i + 1]);
        }
        return out;
    }

    private static final Map<String, String> SHARED = files(
            "src/orders/__init__.py", "",
            "src/orders/handler.py", """
                    import boto3
                    from common import util

                    def main(event, context):
                        boto3.client('dynamodb').put_item(TableName='orders', Item={})
                        return util.stamp()
                    """,
            "src/reports/__init__.py", "",
            "src/reports/handler.py", """
                    import boto3

                    def main(event, context):
                        boto3.client('s3').put_object(Bucket='reports', Key='k', Body=b'')
                    """,
            "src/common/__init__.py", "",
            "src/common/util.py", """
                    import boto3
                    sqs = boto3.client('sqs')

                    def stamp():
                        return 1

                    def notify():
                        sqs.send_message(QueueUrl='q', MessageBody='m')
                    """,
            "scripts/seed.py", """
                    import boto3
                    boto3.client('dynamodb').delete_item(TableName='orders', Key={})
                    """);

    @Test
    void eachHandlerOfASharedCodeFolderIsChargedOnlyWhatItImportsAndCalls() {
        assertEquals(List.of("src/orders/handler.py:5 put_item"),
                charged(SHARED, List.of("src"), "orders.handler.main"),
                "common.util is imported but notify() is never named; scripts/ is outside the code folder");
        assertEquals(List.of("src/reports/handler.py:4 put_object"),
                charged(SHARED, List.of("src"), "reports.handler.main"));
        assertEquals(List.of("src/orders/handler.py:5 put_item"),
                charged(SHARED, List.of("src"), "orders/handler.main"), "a handler may be written as a path");
        assertEquals(List.of("no entry"), charged(SHARED, List.of("src"), "billing.handler.main"));
    }

    @Test
    void aFunctionNamedAnywhereInReachableCodeIsReached() {
        Map<String, String> f = files("app.py", """
                import boto3
                from concurrent.futures import ThreadPoolExecutor
                s3 = boto3.client('s3')

                def worker(key):
                    s3.get_object(Bucket='b', Key=key)

                def by_name(key):
                    s3.put_object(Bucket='b', Key=key, Body=b'')

                def unused():
                    s3.delete_object(Bucket='b', Key='k')

                ACTIONS = {'put': by_name}

                def handler(event, context):
                    with ThreadPoolExecutor() as pool:
                        list(pool.map(worker, event['keys']))
                    ACTIONS[event['action']](event['key'])
                """);
        assertEquals(List.of("app.py:6 get_object", "app.py:9 put_object"), charged(f, List.of(""), "app.handler"),
                "a callback passed by name and a function stored in a dict at module level are reached; unused() is not");
    }

    @Test
    void decoratedFunctionsAreReachedBecauseARouterMayCallThem() {
        Map<String, String> f = files("app.py", """
                import boto3
                from aws_lambda_powertools.event_handler import APIGatewayRestResolver
                app = APIGatewayRestResolver()
                table = boto3.resource('dynamodb').Table('orders')

                @app.get('/orders')
                def list_orders():
                    return table.scan()

                def handler(event, context):
                    return app.resolve(event, context)
                """);
        assertEquals(List.of("app.py:8 scan"), charged(f, List.of(""), "app.handler"));
    }

    @Test
    void aClassNamedInReachableCodeBringsItsMethodsAndRelativeImportsResolve() {
        Map<String, String> f = files(
                "pkg/__init__.py", "",
                "pkg/store.py", """
                        import boto3

                        class Store:
                            def __init__(self):
                                self.t = boto3.resource('dynamodb').Table('t')

                            def save(self, item):
                                self.t.put_item(Item=item)

                        class Unused:
                            def wipe(self):
                                boto3.client('s3').delete_bucket(Bucket='b')
                        """,
                "pkg/main.py", """
                        from .store import Store

                        def handler(event, context):
                            Store().save(event)
                        """);
        assertEquals(List.of("pkg/store.py:8 put_item"), charged(f, List.of(""), "pkg.main.handler"));
    }

    @Test
    void aHandlerThatIsAModuleLevelValueReachesWhatItsValueNames() {
        Map<String, String> f = files(
                "api/__init__.py", "",
                "api/routes.py", """
                        import boto3
                        from fastapi import APIRouter
                        router = APIRouter()

                        @router.post('/upload')
                        def upload():
                            boto3.client('s3').put_object(Bucket='b', Key='k', Body=b'')
                        """,
                "main.py", """
                        from fastapi import FastAPI
                        from mangum import Mangum
                        from api import routes

                        app = FastAPI()
                        app.include_router(routes.router)
                        handler = Mangum(app)
                        """);
        assertEquals(List.of("api/routes.py:7 put_object"), charged(f, List.of(""), "main.handler"));
    }

    @Test
    void fromPackageImportModuleReachesTheSubmoduleAndTheFirstImportRootWins() {
        Map<String, String> f = files(
                "fn_a/app.py", """
                        from lib import db

                        def handler(event, context):
                            db.write()
                        """,
                "fn_a/lib/__init__.py", "",
                "fn_a/lib/db.py", """
                        import boto3

                        def write():
                            boto3.client('sqs').send_message(QueueUrl='a', MessageBody='x')
                        """,
                "fn_b/lib/__init__.py", "",
                "fn_b/lib/db.py", """
                        import boto3

                        def write():
                            boto3.client('sns').publish(TopicArn='b', Message='x')
                        """);
        assertEquals(List.of("fn_a/lib/db.py:4 send_message"), charged(f, List.of("fn_a"), "app.handler"),
                "fn_b's lib is another function's code: not on fn_a's import path");
    }

    @Test
    void namingAProjectClassReachesItsDunderMethodsAndTheMethodsCalledByName() {
        Map<String, String> f = files(
                "aws_utils.py", """
                        import boto3

                        class AwsUtils:
                            def __init__(self):
                                self.s3 = boto3.client('s3')

                            def read(self, key):
                                return self.s3.get_object(Bucket='b', Key=key)

                            def revoke(self, user):
                                boto3.client('iam').delete_access_key(UserName=user, AccessKeyId='k')

                        class Base:
                            pass

                        class Remediator(Base):
                            def fix(self):
                                boto3.client('iam').delete_user(UserName='u')
                        """,
                "api.py", """
                        from aws_utils import AwsUtils

                        def handler(event, context):
                            return AwsUtils().read(event['key'])
                        """);
        assertEquals(List.of("aws_utils.py:8 get_object"), charged(f, List.of(""), "api.handler"),
                "revoke() is never named by the API function, so the IAM call in it is not charged to it");
    }

    @Test
    void aClassBuiltOnALibraryClassHasEveryMethodReachedBecauseTheLibraryMayCallThem() {
        Map<String, String> f = files(
                "server.py", """
                        import boto3
                        from http.server import BaseHTTPRequestHandler

                        class Handler(BaseHTTPRequestHandler):
                            def do_GET(self):
                                boto3.client('s3').get_object(Bucket='b', Key='k')

                        class Quiet(Handler):
                            def do_PUT(self):
                                boto3.client('s3').put_object(Bucket='b', Key='k', Body=b'')

                        def handler(event, context):
                            return Quiet
                        """);
        assertEquals(List.of("server.py:6 get_object", "server.py:10 put_object"),
                charged(f, List.of(""), "server.handler"), "Quiet is built on Handler, which is built on a library class");
    }

    /** The calls reachable from several handlers at once, the other handlers of the app being blocked. */
    private static List<String> chargedFrom(Map<String, String> files, Set<String> handlers, Set<String> others) {
        ScanResult r = ScanHarness.scan(files, List.of());
        Reachability reach = Reachability.from(r.facts(), List.of(""), "app.py", handlers, others);
        List<String> out = new ArrayList<>();
        for (SdkCall c : r.calls()) {
            if (reach.includes(c.location().file(), c.enclosingFunction())) {
                out.add(c.location().file() + ":" + c.location().line() + " " + c.operation());
            }
        }
        return out;
    }

    private static final Map<String, String> CHALICE = files(
            "app.py", """
                    import boto3
                    from chalice import Chalice
                    from lib import jobs
                    app = Chalice(app_name='a')
                    ddb = boto3.client('dynamodb')

                    @app.route('/')
                    def index():
                        return ddb.get_item(TableName='t', Key={})

                    @app.route('/x', methods=['DELETE'])
                    def remove():
                        ddb.delete_item(TableName='t', Key={})

                    @app.schedule('rate(1 hour)')
                    def hourly(event):
                        jobs.run()

                    @atexit.register
                    def settings():
                        return boto3.client('ssm').get_parameter(Name='p')
                    """,
            "lib/__init__.py", "",
            "lib/jobs.py", """
                    import boto3
                    boto3.client('sts').get_caller_identity()

                    def run():
                        [].index(0)
                        boto3.client('s3').put_object(Bucket='b', Key='k', Body=b'')
                    """,
            "lib/unused.py", """
                    import boto3
                    boto3.client('sns').publish(TopicArn='t', Message='m')
                    """);

    @Test
    void severalHandlersAreEntriesAndTheOtherFunctionsHandlersAreNeverReached() {
        assertEquals(List.of("app.py:9 get_item", "app.py:13 delete_item", "app.py:21 get_parameter",
                        "lib/jobs.py:2 get_caller_identity"),
                chargedFrom(CHALICE, Set.of("index", "remove"), Set.of("hourly")),
                "the routes, module-level code of what app.py imports, and a decorated helper (it may run anywhere)");
        assertEquals(List.of("app.py:21 get_parameter", "lib/jobs.py:2 get_caller_identity",
                        "lib/jobs.py:6 put_object"),
                chargedFrom(CHALICE, Set.of("hourly"), Set.of("index", "remove")),
                "[].index(0) names the route 'index', which chalice's router alone calls: not reached");
    }

    private static final Map<String, String> QUALIFIED = files(
            "app.py", """
                    import boto3
                    import helpers
                    from models import Order

                    def export(name):
                        boto3.client('ssm').get_parameter(Name=name)

                    def handler(event, context):
                        helpers.export('x')
                        return Order.find('k')
                    """,
            "helpers.py", """
                    import boto3

                    def export(name):
                        boto3.client('s3').put_object(Bucket='b', Key=name, Body=b'')

                    @staticmethod
                    def unnamed():
                        boto3.client('sns').publish(TopicArn='t', Message='m')
                    """,
            "models.py", """
                    import boto3
                    from ormlib import Record

                    class Order(Record):
                        @classmethod
                        def find(cls, key):
                            return boto3.client('dynamodb').get_item(TableName='t', Key={})

                        @classmethod
                        def drop(cls):
                            boto3.client('dynamodb').delete_table(TableName='t')

                        def hook(self):
                            boto3.client('sqs').send_message(QueueUrl='q', MessageBody='m')
                    """,
            "fixtures.py", """
                    from models import Order
                    Order.drop()
                    """);

    @Test
    void anAttributeOfAnImportedModuleIsThatModulesFunctionAndADescriptiveDecoratorRegistersNothing() {
        assertEquals(List.of("helpers.py:4 put_object", "models.py:11 delete_table", "models.py:14 send_message",
                        "models.py:7 get_item"),
                sorted(charged(QUALIFIED, List.of(""), "app.handler")),
                "helpers.export, not app's own export; a @staticmethod nobody names is not reached");
    }

    @Test
    void aLibraryClassMethodTheProjectCallsOnlyFromCodeTheTargetDoesNotRunIsReachedUnsurely() {
        ScanResult r = ScanHarness.scan(QUALIFIED, List.of());
        Reachability reach = Reachability.from(r.facts(), List.of(""), "app.py", "handler");
        List<String> unsure = new ArrayList<>();
        for (SdkCall c : r.calls()) {
            reach.unsure(c.location().file(), c.enclosingFunction()).ifPresent(why -> unsure.add(
                    c.location().file() + ":" + c.location().line() + " " + why.contains("fixtures.py")));
        }
        assertEquals(List.of("models.py:11 true"), unsure,
                "Order.drop is called only by fixtures.py; Order.hook by nobody (the library may call it: sure)");
    }

    @Test
    void aMethodCallWhosePositionalArgumentsTheMethodCannotTakeDoesNotRunIt() {
        Map<String, String> files = files(
                "app.py", """
                        import boto3
                        from pluginlib import make_plugin
                        from store import Uploader

                        def handler(event, context):
                            Uploader('b').upload(b'', 'k')
                            make_plugin().validate()
                            return Uploader.check(Uploader('b'), 'k')
                        """,
                "store.py", """
                        import boto3

                        class Uploader:
                            def __init__(self, bucket):
                                self.bucket = bucket

                            def upload(self, body, key, extra=None):
                                boto3.client('s3').put_object(Bucket=self.bucket, Key=key, Body=body)

                            def validate(self, body, key):
                                boto3.client('s3').list_objects_v2(Bucket=self.bucket)

                            def check(self, key):
                                boto3.client('s3').head_object(Bucket=self.bucket, Key=key)
                        """);
        assertEquals(List.of("store.py:8 put_object", "store.py:14 head_object"), charged(files, List.of(""),
                        "app.handler"),
                "validate() passes no argument where Uploader.validate needs two: another class's validate; "
                        + "Uploader.check(obj, 'k') passes the receiver itself");
    }

    private static List<String> sorted(List<String> in) {
        List<String> out = new ArrayList<>(in);
        out.sort(null);
        return out;
    }

    /** The calls reachable from {@code handler} for a target whose whole environment is {@code env}. */
    private static List<String> chargedWith(Map<String, String> files, String handler, Set<String> env) {
        ScanResult r = ScanHarness.scan(files, List.of());
        String entry = Reachability.entryFile(handler, List.of(""), r.facts()).orElseThrow();
        Reachability reach = Reachability.from(r.facts(), List.of(""), entry,
                Set.of(Reachability.entryFunction(handler)), Set.of(), v -> !env.contains(v));
        List<String> out = new ArrayList<>();
        for (SdkCall c : r.calls()) {
            if (reach.includes(c.location().file(), c.enclosingFunction()) && reach.stopped(c.location().file(),
                    c.enclosingFunction(), c.location().line(), c.location().column()).isEmpty()) {
                out.add(c.location().file() + ":" + c.location().line() + " " + c.operation());
            }
        }
        return out;
    }

    @Test
    void aParameterNamedLikeAMethodDoesNotReachIt() {
        Map<String, String> f = files("app.py", """
                import boto3

                class Db:
                    def remediation_time(self):
                        boto3.client('dynamodb').get_item(TableName='t', Key={})

                    def schedule(self, when, remediation_time: int = 0):
                        return when

                def handler(event, context):
                    return Db().schedule(1)
                """);
        assertEquals(List.of(), charged(f, List.of(""), "app.handler"));
    }

    private static final Map<String, String> KEY_ERRORS = files(
            "store.py", """
                    import os
                    import boto3

                    class Store:
                        def __init__(self):
                            self.table = boto3.resource('dynamodb').Table(os.environ['TABLE'])

                        def save(self, item):
                            self.table.put_item(Item=item)

                    def rows():
                        name = os.environ['TABLE']
                        yield name
                    """,
            "app.py", """
                    import os
                    import boto3
                    from store import Store, rows

                    s3 = boto3.client('s3')

                    def handler(event, context):
                        try:
                            bucket = os.environ['BUCKET']
                        except KeyError:
                            bucket = 'fallback'
                        s3.put_object(Bucket=bucket, Key='a', Body=b'')
                        for r in rows():
                            s3.delete_object(Bucket=bucket, Key=r)
                        key = os.environ['KEY']
                        s3.get_object(Bucket=bucket, Key=key)
                        Store().save({})
                    """);

    @Test
    void codeAfterAKeyErrorOfAnAbsentVariableDoesNotRunAndACaughtOneOrAGeneratorStopsNothing() {
        // KEY absent: get_object and what follows stop; BUCKET's KeyError is caught; calling a generator runs none
        // of its body, so rows() stops nothing (its os.environ read happens later, in the loop).
        assertEquals(List.of("app.py:12 put_object", "app.py:14 delete_object"),
                chargedWith(KEY_ERRORS, "app.handler", Set.of("TABLE")));
        // KEY set, TABLE absent: Store() cannot return, so save() is never called.
        assertEquals(List.of("app.py:12 put_object", "app.py:14 delete_object", "app.py:16 get_object"),
                chargedWith(KEY_ERRORS, "app.handler", Set.of("KEY")));
        assertEquals(List.of("app.py:12 put_object", "app.py:14 delete_object", "app.py:16 get_object",
                "store.py:9 put_item"), chargedWith(KEY_ERRORS, "app.handler", Set.of("KEY", "TABLE")));
    }

    @Test
    void aModuleThatRaisesWhileLambdaImportsItRunsNoHandler() {
        Map<String, String> f = files("app.py", """
                import os
                import boto3

                TABLE = boto3.resource('dynamodb').Table(os.environ['TABLE'])

                def handler(event, context):
                    TABLE.put_item(Item={})
                """);
        assertEquals(List.of(), chargedWith(f, "app.handler", Set.of()));
        assertEquals(List.of("app.py:7 put_item"), chargedWith(f, "app.handler", Set.of("TABLE")));
    }
}
