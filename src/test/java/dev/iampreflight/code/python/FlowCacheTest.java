package dev.iampreflight.code.python;

import dev.iampreflight.code.SdkCall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluator keeps the flows of the last few functions only and computes a dropped one again when it is read
 * again: the calls found, with their values, are the same whatever the number kept.
 */
class FlowCacheTest {

    private static final Map<String, String> FILES = ScanHarness.files(
            "app.py", """
                    import os
                    import boto3
                    from helpers import table, put, key_for

                    STAGE = os.environ["STAGE"]
                    PREFIX = "orders"
                    if STAGE == "prod":
                        PREFIX = "orders-prod"

                    def handler(event, context):
                        name = PREFIX + "-table"
                        t = table(name)
                        for i in range(3):
                            key = key_for(event, i)
                            put("bucket-" + STAGE, key)
                        return t.get_item(Key={"id": event["id"]})

                    def other(event, context):
                        name = "audit"
                        name += "-log"
                        return table(name).put_item(Item=event)
                    """,
            "helpers.py", """
                    import boto3

                    s3 = boto3.client("s3")

                    def table(name):
                        return boto3.resource("dynamodb").Table(name)

                    def key_for(event, i):
                        key = "in/"
                        if i > 1:
                            key = key + "late/"
                        return key + str(i)

                    def put(bucket, key):
                        path = key
                        path += ".json"
                        return s3.put_object(Bucket=bucket, Key=path, Body=b"")
                    """);

    private static List<String> calls(int flowCache) {
        Index index = new Index();
        FILES.forEach((path, source) -> index.add(PythonParser.parse(path, source)));
        Evaluator ev = new Evaluator(index, Boto3Models.bundled(), null, Map.of(), flowCache);
        List<String> out = new ArrayList<>();
        for (SdkCall c : new CallFinder(ev, List.of(), (s, op) -> false).find(index)) {
            out.add(c.location() + " " + ScanHarness.render(c));
        }
        return out;
    }

    @Test
    void anyNumberOfKeptFlowsFindsTheSameCallsAndValues() {
        List<String> all = calls(Evaluator.FLOW_CACHE);
        assertEquals(3, all.size(), all.toString());
        assertTrue(all.stream().anyMatch(c -> c.contains("dynamodb.get_item") && c.contains("orders")), all.toString());
        assertTrue(all.stream().anyMatch(c -> c.contains("dynamodb.put_item") && c.contains("audit-log")),
                all.toString());
        assertTrue(all.stream().anyMatch(c -> c.contains("s3.put_object") && c.contains(".json")), all.toString());
        for (int kept : new int[]{0, 1, 2, 3}) {
            assertEquals(all, calls(kept), "flows kept: " + kept);
        }
    }
}
