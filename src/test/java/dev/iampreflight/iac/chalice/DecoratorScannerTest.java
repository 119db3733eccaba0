package dev.iampreflight.iac.chalice;

import dev.iampreflight.iac.chalice.internal.DecoratorScanner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecoratorScannerTest {

    private static List<String> names(String src) {
        return DecoratorScanner.scan(src.replace("\\n", "\n"), Map.of("bp", "pre_"))
                .stream().map(f -> f.name() + "@" + f.line()).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`app = Chalice(app_name='a')\\n@app.route('/')\\ndef i(): pass`                      | api_handler@2        | route",
            "`app = Chalice(app_name='a')\\n@app.route(\\n  '/x',  # )\\n  methods=['GET'],\\n)\\ndef i(): pass` | api_handler@2 | route spanning lines with a comment",
            "`app = Chalice(app_name='a')\\n@app.lambda_function(name=\"worker\")\\ndef w(e, c): pass` | worker@2           | name keyword",
            "`app = Chalice(app_name='a')\\n@app.schedule(Rate(5, unit=Rate.MINUTES))\\ndef tick(e): pass` | tick@2         | nested parentheses",
            "`app = Chalice(app_name='a')\\n@app.on_ws_connect()\\ndef c(e): pass`                 | websocket_connect@2  | websocket",
            "`app = Chalice(app_name='a')\\n@app.on_sqs_message(queue='q')\\nasync def h(e): pass`  | h@2                  | async def",
            "`app = Chalice(app_name='a')\\n@other.route('/')\\ndef i(): pass`                    | ``                   | not the app",
            "`bp = Blueprint(__name__)\\n@bp.on_s3_event(bucket='b')\\ndef up(e): pass`            | pre_up@2             | blueprint prefix",
            "`app = Chalice(app_name='a')\\n@app.middleware('all')\\ndef m(e, get): pass`          | ``                   | middleware is no function",
            "`app = Chalice(app_name='a')\\n@app.authorizer()\\n# note\\ndef auth(r): pass`       | auth@2               | authorizer",
    })
    void scans(String source, String expected, String what) {
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), names(source), what);
    }
}
