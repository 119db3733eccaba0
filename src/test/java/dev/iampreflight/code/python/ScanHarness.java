package dev.iampreflight.code.python;

import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.SdkWrapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the scanner on in-memory files and renders calls as short strings for table-driven assertions. */
final class ScanHarness {

    /** Operations the low-confidence matcher may know in these tests (a tiny stand-in catalogue). */
    static final Set<String> OPERATIONS = Set.of("s3.put_object", "s3.get_object", "sqs.send_message",
            "dynamodb.put_item", "ses.send_email", "sesv2.send_email");

    private ScanHarness() {
    }

    static ScanResult scan(Map<String, String> files, List<SdkWrapper> wrappers) {
        return new PythonScanner(wrappers, (s, op) -> OPERATIONS.contains(s + "." + op), 2).scanSources(files);
    }

    static ScanResult scan(String appPy) {
        return scan(Map.of("app.py", appPy), List.of());
    }

    /** {@code s3.put_object(Bucket='b', Key=?) HIGH app.py:3 in handler}. */
    static String render(SdkCall c) {
        List<String> args = new ArrayList<>();
        c.arguments().forEach((k, v) -> args.add(k + "=" + v.describe()));
        return c.service() + "." + c.operation() + "(" + String.join(", ", args) + ") " + c.confidence();
    }

    static List<String> rendered(ScanResult r) {
        List<String> out = new ArrayList<>();
        for (SdkCall c : r.calls()) {
            out.add(render(c));
        }
        return out;
    }

    /** Files given as alternating path, source. */
    static Map<String, String> files(String... pathThenSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathThenSource.length; i += 2) {
            m.put(pathThenSource[i], pathThenSource[i + 1]);
        }
        return m;
    }
}
