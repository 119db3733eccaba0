package dev.iampreflight.code.python;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.ScanResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-call-site budget bounds work a site may repeat; work whose result is memoised for good is not charged to
 * it. A helper with a thousand callers (the shared library's {@code put_json} of a large project) is resolved at
 * the site that first asks for its parameter, instead of that site running out of budget and being matched by its
 * method name only (IAM1008). The budget is lowered here to 2,000 steps so a small project shows it.
 */
class SiteBudgetTest {

    private static ScanResult scanWithBudget(int budget, String source) {
        String before = System.getProperty("iampreflight.siteBudget");
        System.setProperty("iampreflight.siteBudget", Integer.toString(budget));
        try {
            return ScanHarness.scan(Map.of("app.py", source), List.of());
        } finally {
            if (before == null) {
                System.clearProperty("iampreflight.siteBudget");
            } else {
                System.setProperty("iampreflight.siteBudget", before);
            }
        }
    }

    private static String helperWithCallers(int callers) {
        StringBuilder src = new StringBuilder("""
                import boto3
                s3 = boto3.client('s3')
                def put(key):
                    s3.put_object(Bucket='b', Key=key)
                """);
        for (int i = 0; i < callers; i++) {
            src.append("put('k").append(i % 7).append("')\n");
        }
        return src.toString();
    }

    @Test
    void aHelperWithMoreCallersThanTheBudgetIsStillResolved() {
        ScanResult r = scanWithBudget(2_000, helperWithCallers(1_000));
        assertEquals(1, r.calls().size(), r.calls().toString());
        assertEquals(Confidence.HIGH, r.calls().get(0).confidence());
        assertTrue(r.findings().stream().noneMatch(f -> f.ruleId().equals("IAM1008")), r.findings().toString());
    }

    @Test
    void workThatIsNotFinalIsStillBounded() {
        // Functions that call each other in a ring: each parameter depends on the others, a cycle whose members are
        // not final until its head completes, so that work stays charged and a small budget still stops the site
        // with its note.
        StringBuilder src = new StringBuilder("import boto3\n");
        int n = 12;
        for (int i = 0; i < n; i++) {
            src.append("def f").append(i).append("(client, key, depth):\n")
                    .append("    if depth <= 0:\n")
                    .append("        return client.put_object(Bucket='b', Key=key)\n")
                    .append("    if depth % 2:\n")
                    .append("        return f").append((i + 1) % n).append("(client, key + '/").append(i)
                    .append("', depth - 1)\n")
                    .append("    return f").append((i + 3) % n).append("(client, 'p").append(i)
                    .append("/' + key, depth - 2)\n");
        }
        src.append("def handler(event, context):\n    return f0(boto3.client('s3'), event['key'], 10)\n");
        ScanResult r = scanWithBudget(50, src.toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.ruleId().equals("IAM1008")), r.findings().toString());
    }
}
