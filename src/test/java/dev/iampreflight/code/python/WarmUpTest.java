package dev.iampreflight.code.python;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code Main} runs {@link PythonScanner#warmUp} on a second thread while the first scan may already run. */
class WarmUpTest {

    private static final String APP = """
            import boto3
            from pynamodb.models import Model

            class Order(Model):
                class Meta:
                    table_name = 'orders'

            def handler(event, context):
                boto3.client('s3').put_object(Bucket='reports', Key='k')
                Order.get('id')
            """;

    @Test
    void scansBesideWarmUpsFindWhatAScanAloneFinds() throws Exception {
        List<String> alone = ScanHarness.rendered(ScanHarness.scan(APP));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> scans = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pool.submit(PythonScanner::warmUp);
                Callable<List<String>> scan = () -> ScanHarness.rendered(ScanHarness.scan(APP));
                scans.add(pool.submit(scan));
            }
            for (Future<List<String>> f : scans) {
                assertEquals(alone, f.get());
            }
        } finally {
            pool.shutdown();
        }
        // pynamodb's model (libraries/pynamodb.json): get() may describe the table first, hence the LOW call.
        assertEquals(List.of("s3.put_object(Bucket=reports, Key=k) HIGH", "dynamodb.describe_table(TableName=orders) LOW",
                        "dynamodb.get_item(TableName=orders) HIGH"),
                alone.stream().map(s -> s.replaceAll("'", "")).toList());
    }
}
