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
        return DecoratorScanner.scan(src.replace("\n", "\n"), Map.of("bp", "pre_"))
                .stream().map(f -> f.name() + "@" + f.line()).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`app = Chalice(app_name='a')\n@app.route('/')\ndef i(): pass`                      | api_handler@2        | route",
            "`app = Chalice(app_name='a')\n@app.route(\n  '/x',  # )\n  methods=['GET'],\n)\ndef i(): pass` | api_handler@2 | route spanning lines with a comment",
            "`app = Chalice(app_name='a')\n@app.lambda_function(name=\"worker\")\ndef w(e, c): pass` | worker@2           | name keyword",
            "`app = Chalice(app_name='a')\n@app.schedule(Rate(5, unit=Rate.MINUTES))\ndef tick(e): pass` | tick@2         | nested parentheses",
            "`app = Chalice(app_name='a')\n@app.on_ws_connect()\ndef c(e): pass`                 | websocket_connect@2  | websocket",
            "`app = Chalice(app_name='a')\n@app.on_sqs_message(queue='q')\nasync def h(e): pass`  | h@2                  | async def",
            "`app = Chalice(app_name='a')\n@other.route('/')\ndef i(): pass`                    | ``                   | not the app",
            "`bp = Blueprint(__name__)\n@bp.on_s3_event(bucket='b')\ndef up(e): pass`            | pre_up@2             | blueprint prefix",
            "`app = Chalice(app_name='a')\n@app.middleware('all')\ndef m(e, get): pass`          | ``                   | middleware is no function",
            "`app = Chalice(app_name='a')\n@app.authorizer()\n# note\ndef auth(r): pass`       | auth@2               | authorizer",
            "`app = Chalice(app_name='a')\n@app.lambda_function(name='hook-%s' % STAGE)\ndef h(e, c): pass` | hook-{?}@2 | name by % formatting",
            "`app = Chalice(app_name='a')\n@app.lambda_function(name=('q-%s-%d' % (a, n)))\ndef h(e, c): pass` | q-{?}-{?}@2 | parenthesised, two fields",
            "`app = Chalice(app_name='a')\n@app.lambda_function(name='{}-{}'.format(a, b))\ndef h(e, c): pass` | {?}-{?}@2 | name by str.format",
            "`app = Chalice(app_name='a')\n@app.lambda_function(name=prefix + '_' + q)\ndef h(e, c): pass` | {?}_{?}@2 | name by concatenation",
            "`app = Chalice(app_name='a')\n@app.lambda_function(name=NAME)\ndef h(e, c): pass` | {?}@2 | name from a variable",
            "`app = Chalice(app_name='a')\n@app.lambda_function(name='50%% off')\ndef h(e, c): pass` | 50%% off@2 | a literal is the name as written",
    })
    void scans(String source, String expected, String what) {
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), names(source), what);
    }

    private static List<String> project(String... modulesAndSources) {
        List<DecoratorScanner.Source> sources = new java.util.ArrayList<>();
        for (int i = 0; i < modulesAndSources.length; i += 2) {
            sources.add(new DecoratorScanner.Source(modulesAndSources[i], modulesAndSources[i + 1]));
        }
        return DecoratorScanner.scanProject(sources).functions().stream()
                .map(f -> f.name() + "=" + f.module() + "." + f.pythonFunction() + "@" + f.line())
                .collect(Collectors.toList());
    }

    @org.junit.jupiter.api.Test
    void theAppIsFoundWhereverItIsDefined() {
        assertEquals(List.of("api_handler=chalicelib.main.i@3"), project(
                "app", "from chalicelib.main import *\n",
                "chalicelib.main", "from chalice import Chalice\napp = Chalice(app_name='a')\n@app.route('/')\ndef i(): pass\n"),
                "import * of the module that defines it");
        assertEquals(List.of("api_handler=app.i@5"), project(
                "app", "import chalice\nclass Api(chalice.Chalice):\n    pass\napp = Api('a')\n@app.route('/')\ndef i(): pass\n"),
                "a subclass of Chalice");
        assertEquals(List.of("api_handler=app.h@3", "w=app.w@4"), project(
                "app", "app = Chalice(app_name='a')\ndef h(): pass\napp.route('/x', methods=['GET'])(h)\napp.lambda_function()(w)\n"),
                "call form");
        assertEquals(List.of("api_handler=chalicelib.users.u@3"), project(
                "app", "from chalice import Chalice\napp = Chalice(app_name='a')\nimport chalicelib\n",
                "chalicelib.users", "import app\nrouter = app.app\n@router.route('/u')\ndef u(): pass\n"),
                "routes registered from chalicelib through an alias of app.app");
        assertEquals(List.of("v=routes.r.v@3"), project(
                "app", "import helpers\napp = helpers.get_app()\n",
                "helpers", "def get_app():\n    return Chalice(app_name='a')\n",
                "routes.r", "import helpers\napp = helpers.get_app()\n@app.authorizer()\ndef v(r): pass\n"),
                "an app factory");
        assertEquals(List.of("p_t=chalicelib.jobs.t@3"), project(
                "app", "app = Chalice(app_name='a')\nfrom chalicelib.jobs import bp\napp.register_blueprint(bp, 'p_')\n",
                "chalicelib.jobs", "from chalice import Blueprint\nbp = Blueprint(__name__)\n@bp.schedule('rate(1 day)')\ndef t(e): pass\n"),
                "a blueprint registered with a positional name_prefix");
    }

    @org.junit.jupiter.api.Test
    void computedImportsWhereTheAppIsAreReported() {
        DecoratorScanner.Result r = DecoratorScanner.scanProject(List.of(
                new DecoratorScanner.Source("app", "from importlib import import_module\napp = Chalice(app_name='a')\n"
                        + "# import_module('x') in a comment is not one\nmod = import_module('routes.' + name)\n"),
                new DecoratorScanner.Source("chalicelib.plugins", "def load(n):\n    return __import__(n)\n")));
        assertEquals(List.of(new DecoratorScanner.Dynamic("app", 4, "import_module")), r.dynamicImports());
    }
}
