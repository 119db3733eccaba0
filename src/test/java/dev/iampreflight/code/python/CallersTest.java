package dev.iampreflight.code.python;

import dev.iampreflight.code.ScanResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.iampreflight.code.python.ScanHarness.files;
import static dev.iampreflight.code.python.ScanHarness.rendered;
import static dev.iampreflight.code.python.ScanHarness.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A parameter's values come from its function's callers, found through {@link Callers} and, for calls through a
 * parameter ({@code fn(*args)}), only for functions whose value is passed around ({@link Index#usedAsValue}): every
 * way a function's value can reach such a call still gives its parameters their values.
 */
class CallersTest {

    private static final String RETRY = """
            def retry(fn, arg):
                for _ in range(3):
                    try:
                        return fn(arg)
                    except Exception:
                        pass
            """;

    @Test
    void aBoundMethodPassedToARetryHelperGetsTheArgumentsOfTheCallThroughTheParameter() {
        ScanResult r = scan(files("app.py", """
                import boto3
                from helpers import retry
                s3 = boto3.client('s3')

                class Service:
                    def handle(self, key):
                        s3.put_object(Bucket='b', Key=key, Body=b'')

                def handler(event, context):
                    retry(Service().handle, 'from-retry')
                """, "helpers.py", RETRY), List.of());
        assertEquals(List.of("s3.put_object(Bucket='b', Key='from-retry', Body='') HIGH"), rendered(r));
    }

    @Test
    void aFunctionImportedUnderAnotherNameAndPassedOnIsStillFollowed() {
        ScanResult r = scan(files("app.py", """
                from helpers import retry
                from store import put as save

                def handler(event, context):
                    retry(save, 'aliased')
                """, "helpers.py", RETRY, "store.py", """
                import boto3
                s3 = boto3.client('s3')

                def put(key):
                    s3.put_object(Bucket='b', Key=key, Body=b'')
                """), List.of());
        assertEquals(List.of("s3.put_object(Bucket='b', Key='aliased', Body='') HIGH"), rendered(r));
    }

    @Test
    void aFunctionStoredInADispatchTableIsStillFollowed() {
        ScanResult r = scan(files("app.py", """
                import boto3
                from helpers import retry
                s3 = boto3.client('s3')

                def put(key):
                    s3.put_object(Bucket='b', Key=key, Body=b'')

                HANDLERS = {'put': put}

                def handler(event, context):
                    retry(HANDLERS['put'], 'dispatched')
                """, "helpers.py", RETRY), List.of());
        assertEquals(List.of("s3.put_object(Bucket='b', Key='dispatched', Body='') HIGH"), rendered(r));
    }

    @Test
    void aClassMethodThatConstructsThroughClsGivesTheConstructorItsArguments() {
        ScanResult r = scan("""
                import boto3
                ddb = boto3.resource('dynamodb')

                class Repo:
                    def __init__(self, name):
                        self.table = ddb.Table(name)

                    @classmethod
                    def named(cls, name):
                        return cls(name=name)

                def handler(event, context):
                    Repo.named(name='orders').table.put_item(Item={})
                """);
        assertEquals(List.of("dynamodb.put_item(TableName='orders', Item={}) HIGH"), rendered(r));
    }

    @Test
    void aFunctionOnlyCalledDirectlyKeepsItsOwnArgumentsBesideARetryHelper() {
        ScanResult r = scan(files("app.py", """
                import boto3
                from helpers import retry
                s3 = boto3.client('s3')

                def put(key):
                    s3.put_object(Bucket='b', Key=key, Body=b'')

                def other(key):
                    return key

                def handler(event, context):
                    put('direct')
                    retry(other, 'not-for-put')
                """, "helpers.py", RETRY), List.of());
        assertEquals(List.of("s3.put_object(Bucket='b', Key='direct', Body='') HIGH"), rendered(r));
    }

    /**
     * A ring of 300 functions that call each other (the mutual-recursion family): the analysis ends without a stack
     * overflow or a lost call, and the key that each function extends is not a value it invented.
     */
    @Test
    void deepMutualRecursionEndsWithTheCallsFound() {
        StringBuilder src = new StringBuilder("import boto3\ns3 = boto3.client('s3')\n");
        int n = 300;
        for (int i = 0; i < n; i++) {
            src.append("def f").append(i).append("(key, depth):\n")
                    .append("    if depth <= 0:\n")
                    .append("        return s3.put_object(Bucket='b', Key=key, Body=b'')\n")
                    .append("    return f").append((i + 1) % n).append("(key + '/").append(i).append("', depth - 1)\n");
        }
        src.append("def handler(event, context):\n    return f0('root', 5)\n");
        ScanResult r = scan(src.toString());
        List<String> calls = rendered(r);
        assertEquals(n, calls.size(), calls.toString());
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        for (String c : calls) {
            assertTrue(c.startsWith("s3.put_object(Bucket='b', Key=? + '/") && c.endsWith("', Body='') HIGH"), c);
        }
        // f0 is entered with 'root' and around the ring with what the others appended.
        assertTrue(calls.stream().anyMatch(c -> c.contains("/298/299' | 'root'")), calls.get(0));
    }
}
