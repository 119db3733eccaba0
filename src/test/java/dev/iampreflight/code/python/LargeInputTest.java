package dev.iampreflight.code.python;

import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Inputs that once cost time or stack in proportion to something they should not: a long single line (columns
 * were counted from the line start for every node) and deeply nested expressions. Small enough to be quick; the
 * sizes that show the cost are in tools/bench/perf.py (docs/performance.md).
 */
class LargeInputTest {

    /** A one-line literal of n elements, each holding a non-ASCII character so columns differ from byte offsets. */
    private static String longLine(int n) {
        StringBuilder sb = new StringBuilder("DATA = [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append("'é").append(i).append("'");
        }
        return sb.append("]").toString();
    }

    @Test
    void aLongLineGivesCharacterColumnsForEveryCallOnIt() {
        String data = longLine(20_000);
        String first = "import boto3; " + data + "; boto3.client('sqs').list_queues(); ";
        String line = first + "boto3.client('sns').list_topics()";
        ScanResult r = ScanHarness.scan(line + "\nboto3.client('s3').list_buckets()\n");
        List<SdkCall> calls = r.calls();
        assertEquals(List.of("sqs.list_queues() HIGH", "sns.list_topics() HIGH", "s3.list_buckets() HIGH"),
                ScanHarness.rendered(r));
        // A call is located at its method name; columns count characters, not bytes (each 'é' is two bytes).
        int queues = ("import boto3; " + data + "; boto3.client('sqs').").length() + 1;
        assertEquals(1, calls.get(0).location().line());
        assertEquals(queues, calls.get(0).location().column());
        assertEquals((first + "boto3.client('sns').").length() + 1, calls.get(1).location().column());
        assertEquals(2, calls.get(2).location().line());
        assertEquals("boto3.client('s3').".length() + 1, calls.get(2).location().column());
    }

    @Test
    void aFileWithASyntaxErrorKeepsCharacterColumnsOnItsLongLine() {
        // With an error in the tree the parser copies every token, not just named nodes: another path to the columns.
        String first = "import boto3; " + longLine(5_000) + "; boto3.client('sqs').";
        ScanResult r = ScanHarness.scan(first + "list_queues()\ndef broken(:\n    pass\n");
        assertEquals(List.of("sqs.list_queues() HIGH"), ScanHarness.rendered(r));
        assertEquals(first.length() + 1, r.calls().get(0).location().column());
        assertEquals(1, r.findings().size());
        assertEquals(2, r.findings().get(0).location().line());
    }

    @Test
    void deeplyNestedExpressionsParseAndScanWithoutOverflowingTheStack() {
        int depth = 2_000;
        StringBuilder chain = new StringBuilder("PREFIX = 'p0'");
        for (int i = 1; i < depth; i++) {
            chain.append(" + 'p").append(i).append("'");
        }
        String nested = "NESTED = " + "[".repeat(depth) + "1" + "]".repeat(depth);
        String calls = "str(".repeat(depth / 3) + "event['id']" + ")".repeat(depth / 3);
        String source = "import boto3\n" + chain + "\n" + nested + "\n"
                + "def handler(event, context):\n"
                + "    boto3.client('s3').get_object(Bucket='b', Key=" + calls + ")\n";
        PyFile f = PythonParser.parse("app.py", source);
        assertEquals(List.of(), f.problems());
        PyNode innermost = deepest(f.root(), "integer");
        assertEquals(3, innermost.line());
        assertEquals("NESTED = ".length() + depth + 1, innermost.column());

        ScanResult r = ScanHarness.scan(source);
        assertEquals(List.of("s3.get_object(Bucket='b', Key=?) HIGH"), ScanHarness.rendered(r));
        assertEquals(5, r.calls().get(0).location().line());
        assertEquals("    boto3.client('s3').".length() + 1, r.calls().get(0).location().column());
    }

    /** The deepest node of a type, found without recursion. */
    private static PyNode deepest(PyNode root, String type) {
        Deque<PyNode> stack = new ArrayDeque<>(List.of(root));
        Deque<Integer> depths = new ArrayDeque<>(List.of(0));
        PyNode best = null;
        int bestDepth = -1;
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            int d = depths.pop();
            if (n.is(type) && d > bestDepth) {
                best = n;
                bestDepth = d;
            }
            for (PyNode c : n.children()) {
                stack.push(c);
                depths.push(d + 1);
            }
        }
        return best;
    }
}
