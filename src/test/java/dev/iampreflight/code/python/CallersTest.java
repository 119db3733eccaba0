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

    private static final String TWO_GETS = """
            import boto3
            s3 = boto3.client('s3')

            class A:
                def get(self, key):
                    return s3.get_object(Bucket='a', Key=key)

            class B:
                def get(self, key):
                    return key
            """;

    /**
     * Calls by the method's name feed its parameter only when their receiver may be its class: not another class's
     * method of the same name, a dict's {@code get} or a {@code get} on the event.
     */
    @Test
    void aMethodsParameterTakesOnlyTheCallersWhoseReceiverMayBeItsClass() {
        ScanResult r = scan(files("app.py", """
                from stores import A, B

                def handler(event, context):
                    A().get('for-a')
                    B().get('for-b')
                    {'x': 1}.get('from-dict')
                    event.get('from-event')
                """, "stores.py", TWO_GETS), List.of());
        assertEquals(List.of("s3.get_object(Bucket='a', Key='for-a') HIGH"), rendered(r));
    }

    /** A receiver that may be the class or something not known still feeds the parameter. */
    @Test
    void aReceiverThatMayBeTheClassStillFeedsTheParameterBesideUnknownValues() {
        ScanResult r = scan(files("app.py", """
                import somelib
                from stores import A

                def handler(event, context):
                    store = A() if event.get('local') else somelib.make()
                    store.get('mixed')
                """, "stores.py", TWO_GETS), List.of());
        assertEquals(List.of("s3.get_object(Bucket='a', Key='mixed') HIGH"), rendered(r));
    }

    /**
     * The same-name family of issue #10 in small: each store caches in an empty dict looked up by the parameter, and
     * the handler calls {@code .get('v')} on each lookup's result. Each store's key is its own caller's, and the
     * lookups' {@code .get('v')} give no store a value.
     */
    @Test
    void storesThatCacheByTheirParameterKeepTheirOwnCallersKeys() {
        StringBuilder app = new StringBuilder();
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            files.put("s" + i + ".py", ("""
                    import boto3

                    class Store%1$d:
                        def __init__(self):
                            self.table = boto3.resource('dynamodb').Table('t%1$d')
                            self.cache = {}

                        def get(self, key):
                            if key in self.cache:
                                return self.cache.get(key%2$s)
                            item = self.table.put_item(Item={'id': key})
                            self.cache[key] = item
                            return item

                    def lookup_%1$d(store, event):
                        return store.get('k%1$d') or event.get('default')
                    """).formatted(i, i == 2 ? ", None" : ""));
            app.append("from s").append(i).append(" import Store").append(i).append(", lookup_").append(i)
                    .append("\n");
        }
        app.append("def handler(event, context):\n");
        for (int i = 0; i < 3; i++) {
            app.append("    lookup_").append(i).append("(Store").append(i).append("(), event).get('v')\n");
        }
        files.put("app.py", app.toString());
        ScanResult r = scan(files, List.of());
        assertEquals(List.of("dynamodb.put_item(TableName='t0', Item={id: 'k0'}) HIGH",
                "dynamodb.put_item(TableName='t1', Item={id: 'k1'}) HIGH",
                "dynamodb.put_item(TableName='t2', Item={id: 'k2'}) HIGH"), rendered(r));
    }

    /** An empty dict's {@code get}: the default for a literal key, nothing for a key not known. */
    @Test
    void anEmptyDictGivesItsDefaultForALiteralKeyOnly() {
        ScanResult r = scan("""
                import boto3
                s3 = boto3.client('s3')
                CACHE = {}

                def handler(event, context):
                    s3.put_object(Bucket=CACHE.get('k', 'fallback'), Key=CACHE.get(event['k'], 'x'), Body=b'')
                    s3.put_object(Bucket=CACHE.get('k'), Key='y', Body=b'')
                """);
        assertEquals(List.of("s3.put_object(Bucket='fallback', Key=?, Body='') HIGH",
                "s3.put_object(Bucket=?, Key='y', Body='') HIGH"), rendered(r));
    }

    /**
     * The callbacks family of issue #10 in small: every {@code fn(x)} may call every function passed around, one
     * cycle that each call site walks (see {@link Callers#forEach}). The put's key is the one its caller passes.
     */
    @Test
    void aChainOfCallbackHelpersGivesThePutTheKeyItsCallerPasses() {
        StringBuilder src = new StringBuilder("import boto3\ns3 = boto3.client('s3')\n");
        int n = 40;
        for (int i = 0; i < n; i++) {
            src.append("def apply_").append(i).append("(fn, x):\n    return fn(x)\n");
        }
        src.append("def put(key):\n    return s3.put_object(Bucket='b', Key=key, Body=b'')\n");
        src.append("def handler(event, context):\n");
        for (int i = 0; i < n - 1; i++) {
            src.append("    apply_").append(i).append("(apply_").append(i + 1).append(", 'k").append(i).append("')\n");
        }
        src.append("    return apply_").append(n - 1).append("(put, 'the-key')\n");
        assertEquals(List.of("s3.put_object(Bucket='b', Key='the-key', Body='') HIGH"), rendered(scan(src.toString())));
    }
}
