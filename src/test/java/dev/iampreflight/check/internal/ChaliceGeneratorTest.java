package dev.iampreflight.check.internal;

import dev.iampreflight.check.internal.ChaliceGenerator.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The model of chalice's policy generator against what the generator of each chalice release really returns for our
 * own snippets (src/test/resources/chalice-generator/; the expected sets were obtained by running chalice/analyzer.py
 * {@code get_client_calls_for_app} of releases 1.17.0, 1.18.1, 1.21.9, 1.22.1 and the newest on Python 3.11).
 */
class ChaliceGeneratorTest {

    @ParameterizedTest(name = "{0} with chalice {1}")
    @CsvSource(delimiter = '|', value = {
        // Views analysed right after their def before 1.22.1: a helper and a client defined further down are unknown.
        "order-and-reach.py | 1.17.0 | {s3=[get_paginator, list_buckets]}",
        "order-and-reach.py | 1.21.9 | {s3=[get_paginator, list_buckets]}",
        "order-and-reach.py | 1.22.1 | {dynamodb=[get_item], s3=[get_paginator, list_buckets], sqs=[send_message]}",
        "order-and-reach.py | latest | {dynamodb=[get_item], s3=[get_paginator, list_buckets], sqs=[send_message]}",
        // Calling a nested function by name: found by name before 1.18.1, an analyzer failure from then on.
        "nested-call.py | 1.17.0 | {s3=[get_paginator, list_buckets]}",
        "nested-call.py | 1.18.1 | ValueError@25",
        "nested-call.py | latest | ValueError@25",
        // Service names through parameters, comprehensions inside functions, lambdas, classes, async views.
        "flows.py | 1.17.0 | {s3=[list_buckets], sqs=[send_message]}",
        "flows.py | 1.22.1 | {s3=[list_buckets], ses=[send_email], sqs=[send_message]}",
        "flows.py | latest | {s3=[list_buckets], ses=[send_email], sqs=[send_message]}",
        "aliased-import.py | latest | KeyError@1",
        "aliased-import.py | 1.17.0 | KeyError@1",
        // Module-level clients, a string constant, return types, chained and annotated assignments.
        "module-level.py | 1.17.0 | {dynamodb=[get_item, put_item], events=[put_events], sqs=[purge_queue]}",
        "module-level.py | latest | {dynamodb=[get_item, put_item], events=[put_events], sqs=[purge_queue]}",
    })
    void seesWhatTheGeneratorOfThatReleaseSees(String file, String version, String expected) throws IOException {
        String source;
        try (var in = getClass().getResourceAsStream("/chalice-generator/" + file)) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Version v = version.equals("latest") ? Version.LATEST : Version.parse(version).orElseThrow();
        ChaliceGenerator.Result r = ChaliceGenerator.analyze(source, v);
        String actual = r.failure().map(f -> f.error().substring(0, f.error().indexOf(':')) + "@" + f.line())
                .orElseGet(() -> new TreeMap<String, Set<String>>(ChaliceGenerator.calls(r)).toString());
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @CsvSource({"1.22.1, 1, 22, 1", "1.3, 1, 3, 0", "2, 2, 0, 0"})
    void parsesVersions(String text, int major, int minor, int patch) {
        assertEquals(new Version(major, minor, patch), Version.parse(text).orElseThrow());
    }

    @org.junit.jupiter.api.Test
    void aCallInAComprehensionInsideAFunctionIsUncertain() {
        String src = "import boto3\nfrom chalice import Chalice\napp = Chalice(app_name='a')\n"
                + "@app.route('/')\ndef index():\n    return [boto3.client('sqs').purge_queue(QueueUrl=u) for u in 'ab']\n";
        ChaliceGenerator.Result r = ChaliceGenerator.analyze(src, Version.LATEST);
        assertEquals(Map.of(), ChaliceGenerator.calls(r));
        assertEquals(Set.of(6), r.uncertain());
    }
}
