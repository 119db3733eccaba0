package dev.iampreflight.code.python;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Trees parsed during chalice's discovery ({@link DeployTimeValues}) are taken by the scan of the same files instead
 * of being parsed again: only for the same path and the same source, once each.
 */
class KeptTreesTest {

    private static final String APP = """
            import boto3
            from chalice import Chalice

            app = Chalice(app_name='orders')
            QUEUES = [{'name': 'a'}, {'name': 'b'}]

            for q in QUEUES:
                @app.on_sqs_message(queue=q['name'], name='sqs_' + q['name'])
                def handle(event):
                    boto3.client('s3').put_object(Bucket='reports', Key='k')
            """;

    @Test
    void aKeptTreeIsTakenOnceForTheSamePathAndSource() {
        PyFile kept = PythonParser.parse("app.py", APP);
        PythonParser.keepForScan(List.of(kept), List.of(APP));

        assertSame(kept, PythonParser.parse("app.py", APP));
        PyFile again = PythonParser.parse("app.py", APP);
        assertNotSame(kept, again, "taken once only");
        assertEquals(kept.root().text(), again.root().text());
    }

    @Test
    void aKeptTreeIsNotTakenForAnotherSourceOrPath() {
        PyFile kept = PythonParser.parse("app.py", APP);
        PythonParser.keepForScan(List.of(kept), List.of(APP));
        String edited = APP.replace("'reports'", "'archive'");

        PyFile other = PythonParser.parse("app.py", edited);
        assertNotSame(kept, other);
        assertEquals(edited, other.root().text());

        PythonParser.keepForScan(List.of(kept), List.of(APP));
        assertNotSame(kept, PythonParser.parse("lib/app.py", APP));
    }

    @Test
    void aScanAfterTheDeployTimeEvaluationFindsWhatAScanAloneFinds() {
        List<String> alone = ScanHarness.rendered(ScanHarness.scan(APP));
        List<Map<DeployTimeValues.Site, DeployTimeValues.Outcome>> outcomes = DeployTimeValues.evaluate(
                List.of(new DeployTimeValues.Source("app.py", APP)), List.of(new DeployTimeValues.Site("app.py", 8)),
                List.of(Map.of()));
        assertEquals(new DeployTimeValues.Registered(List.of("sqs_a", "sqs_b")),
                outcomes.get(0).get(new DeployTimeValues.Site("app.py", 8)));

        assertEquals(alone, ScanHarness.rendered(ScanHarness.scan(APP)));
        assertEquals(1, alone.size());
        assertEquals(true, alone.get(0).startsWith("s3.put_object("), alone.get(0));
    }
}
