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
    void aFileOverPythonsBracketLimitIsCutThereWithALocatedWarning() {
        // CPython refuses a 201st open bracket ("too many nested parentheses"): the file never compiles. Brackets in
        // strings and comments are text, not nesting.
        String text = "NOTE = '" + "(".repeat(300) + "'  # " + "[".repeat(300) + "\n"
                + "DOC = \"\"\"" + "{".repeat(300) + "\"\"\"\n";
        String source = "import boto3\n" + text + "boto3.client('sqs').list_queues()\n"
                + "x = " + "(".repeat(100_000) + "\n"
                + "boto3.client('sns').list_topics()\n";
        PyFile f = PythonParser.parse("app.py", source);
        PyFile.SyntaxProblem first = f.problems().get(0);
        assertEquals(5, first.line());
        assertEquals("x = ".length() + NestingLimit.MAX_LEVEL + 1, first.column());
        ScanResult r = ScanHarness.scan(source);
        assertEquals(List.of("sqs.list_queues() HIGH"), ScanHarness.rendered(r));
        assertEquals(1, r.findings().size());
        assertEquals(5, r.findings().get(0).location().line());
        assertEquals(true, r.findings().get(0).message().startsWith("too many nested parentheses"));

        String limit = "x = " + "(".repeat(NestingLimit.MAX_LEVEL) + "1" + ")".repeat(NestingLimit.MAX_LEVEL) + "\n";
        assertEquals(-1, NestingLimit.firstTooDeep(limit));
        assertEquals(4 + NestingLimit.MAX_LEVEL, NestingLimit.firstTooDeep("x = " + "(".repeat(NestingLimit.MAX_LEVEL + 1)));
        // r'\\' is a raw string of two backslashes: the quote after them closes it.
        assertEquals(-1, NestingLimit.firstTooDeep("s = r'\\\\' + '" + "(".repeat(500) + "'\n"));
    }

    @Test
    void deeplyNestedExpressionsParseAndScanWithoutOverflowingTheStack() {
        int depth = 2_000;
        StringBuilder chain = new StringBuilder("PREFIX = 'p0'");
        for (int i = 1; i < depth; i++) {
            chain.append(" + 'p").append(i).append("'");
        }
        // Brackets nest at most NestingLimit.MAX_LEVEL deep in a file Python compiles (see the next test).
        int brackets = NestingLimit.MAX_LEVEL;
        String nested = "NESTED = " + "[".repeat(brackets) + "1" + "]".repeat(brackets);
        String calls = "str(".repeat(brackets - 10) + "event['id']" + ")".repeat(brackets - 10);
        String source = "import boto3\n" + chain + "\n" + nested + "\n"
                + "def handler(event, context):\n"
                + "    boto3.client('s3').get_object(Bucket='b', Key=" + calls + ")\n";
        PyFile f = PythonParser.parse("app.py", source);
        assertEquals(List.of(), f.problems());
        PyNode innermost = deepest(f.root(), "integer");
        assertEquals(3, innermost.line());
        assertEquals("NESTED = ".length() + brackets + 1, innermost.column());

        ScanResult r = ScanHarness.scan(source);
        assertEquals(List.of("s3.get_object(Bucket='b', Key=?) HIGH"), ScanHarness.rendered(r));
        assertEquals(5, r.calls().get(0).location().line());
        assertEquals("    boto3.client('s3').".length() + 1, r.calls().get(0).location().column());
    }

    /**
     * Nodes keep byte offsets only; their line and column come from the file's line table, and on a line with
     * non-ASCII characters from a code-point count kept every 256 bytes. Every identifier of a file whose lines mix
     * one-, two-, three- and four-byte characters across many of those boundaries (and an empty line, and a line
     * that starts exactly on one) is where the source text says.
     */
    @Test
    void everyNodeIsAtTheLineAndCharacterColumnOfItsSourceText() {
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            src.append("v").append(i).append(" = '").append("é€😀".repeat(i * 3)).append("' + w").append(i)
                    .append(i % 7 == 0 ? "\n\n" : "\n");
        }
        // A long name, then a line that starts exactly on a 256-byte boundary.
        int before = src.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " = 1\n".length();
        src.append("a".repeat((256 - before % 256) % 256 + 256)).append(" = 1\nlast = 2\n");
        String source = src.toString();
        PyFile f = PythonParser.parse("data.py", source);
        assertEquals(List.of(), f.problems());
        String[] lines = source.split("\n", -1);
        Deque<PyNode> todo = new ArrayDeque<>(List.of(f.root()));
        int checked = 0;
        while (!todo.isEmpty()) {
            PyNode n = todo.pop();
            n.children().forEach(todo::push);
            if (n.is("identifier")) {
                String line = lines[n.line() - 1];
                int at = line.offsetByCodePoints(0, n.column() - 1);
                assertEquals(n.text(), line.substring(at, at + n.text().length()), n.toString());
                checked++;
            }
        }
        assertEquals(82, checked);
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
