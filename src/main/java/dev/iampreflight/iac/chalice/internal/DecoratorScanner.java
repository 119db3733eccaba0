package dev.iampreflight.iac.chalice.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Lambda functions a Chalice app defines by scanning the Python files chalice packages (app.py and
 * chalicelib/). A light scan, not a Python parser: it joins a decorator's lines until its brackets balance (so
 * {@code @app.route(...)} may span lines), skips strings and comments while counting, and reads the {@code name=}
 * keyword. Function naming follows chalice's own rules (https://aws.github.io/chalice/topics/events.html,
 * https://aws.github.io/chalice/topics/websockets.html): every route shares {@code api_handler}; websocket handlers are
 * {@code websocket_connect}/{@code _message}/{@code _disconnect}; every other decorated handler is named by
 * {@code name=} or its Python function name, prefixed by the blueprint's {@code name_prefix} when registered through a
 * blueprint.
 *
 * <p>The app object is found wherever it is defined: a {@code Chalice}/{@code Blueprint} constructor or a subclass of
 * one, a function that returns one ({@code get_app()}), and every name it reaches the other files under
 * ({@code from chalicelib.main import *}, {@code from app import app as router}, {@code import app} then
 * {@code app.app.route}, {@code router = app.app}). Registration may be a decorator or its call form
 * ({@code app.route('/x')(handler)}), which is what the decorator expands to in Python.
 */
public final class DecoratorScanner {

    /**
     * A Lambda function chalice will create, with the Python function and where its decorator is. {@code module} is
     * the Python module the function is defined in ({@code app}, {@code chalicelib.jobs}); chalice's handler string
     * is {@code module.function}.
     */
    public record Function(String name, String pythonFunction, String decorator, int line, String module,
                           String computedFrom, String prefix) {
        public Function withModule(String m) {
            return new Function(name, pythonFunction, decorator, line, m, computedFrom, prefix);
        }

        public Function withName(String n) {
            return new Function(n, pythonFunction, decorator, line, module, computedFrom, prefix);
        }

        /** The function under the name its {@code name=} evaluates to (the blueprint's prefix added). */
        public Function evaluated(String n) {
            return new Function(prefix + n, pythonFunction, decorator, line, module, "", prefix);
        }

        /** Whether chalice makes a function of its own for it (not the shared api_handler or websocket ones). */
        public boolean ownFunction() {
            return OWN_FUNCTION.contains(decorator);
        }

        /** Whether name= is computed in Python, so that the name has {@code {?}} parts ({@link #computedFrom}). */
        public boolean computedName() {
            return !computedFrom.isEmpty();
        }
    }

    /** One Python file of the app: its module name ({@code app}, {@code chalicelib.main}) and text. */
    public record Source(String module, String text) {
    }

    /** A place where the app loads modules by a computed name, so registrations there may not be followed. */
    public record Dynamic(String module, int line, String what) {
    }

    /** Everything one scan of the app found. */
    public record Result(List<Function> functions, List<Dynamic> dynamicImports) {
    }

    private static final Map<String, String> FIXED = Map.of(
            "route", "api_handler",
            "on_ws_connect", "websocket_connect",
            "on_ws_message", "websocket_message",
            "on_ws_disconnect", "websocket_disconnect");

    /** Decorators that make their own Lambda function, named by name= or the Python function. */
    private static final List<String> OWN_FUNCTION = List.of("lambda_function", "schedule", "on_s3_event",
            "on_sns_message", "on_sqs_message", "on_cw_event", "on_dynamodb_record", "on_kinesis_record",
            "authorizer");

    private static final Pattern CLASS = Pattern.compile("(?m)^\\s*class\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern DEF_LINE = Pattern.compile("(?m)^([ \\t]*)(?:async\\s+)?def\\s+(\\w+)\\s*\\(");
    private static final Pattern ASSIGN = Pattern.compile(
            "(?m)^[ \\t]*(\\w+)\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*([\\w.]+)\\s*(\\()?");
    private static final Pattern FROM_IMPORT = Pattern.compile(
            "(?m)^[ \\t]*from\\s+(\\.*[\\w.]*)\\s+import\\s+(\\([^)]*\\)|[^\\n#]+)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^[ \\t]*import\\s+([^\\n#]+)");
    private static final Pattern DECORATOR = Pattern.compile(
            "^@\\s*([\\w.]+?)\\s*\\.\\s*(\\w+)\\s*(\\((.*)\\))?\\s*$", Pattern.DOTALL);
    private static final Pattern CALL_FORM = Pattern.compile("(?m)^[ \\t]*([\\w.]+?)\\s*\\.\\s*(\\w+)\\s*\\(");
    private static final Pattern DEF = Pattern.compile("^\\s*(?:async\\s+)?def\\s+(\\w+)");
    private static final Pattern REGISTER = Pattern.compile("register_blueprint\\s*\\(");
    private static final Pattern NAME_PREFIX_KW = Pattern.compile("\\bname_prefix\\s*=\\s*[rbuRBU]?(['\"])(.*?)\\1");
    private static final Pattern DYNAMIC = Pattern.compile("\\b(import_module|__import__|importlib\\.import_module)"
            + "\\s*\\(");

    /** Bounds the fix-point rounds over re-exports and subclasses (chains longer than this are not real code). */
    private static final int MAX_ROUNDS = 8;

    private DecoratorScanner() {
    }

    /** The blueprint variable (last dotted segment) to its {@code name_prefix}, from one file. */
    public static Map<String, String> blueprintPrefixes(String source) {
        Map<String, String> out = new HashMap<>();
        Matcher m = REGISTER.matcher(source);
        while (m.find()) {
            String args = balanced(source, m.end() - 1).orElse("");
            List<String> parts = splitTopLevel(args);
            if (parts.isEmpty()) {
                continue;
            }
            String var = parts.get(0).trim();
            if (!var.matches("[\\w.]+")) {
                continue;
            }
            String prefix = "";
            Matcher kw = NAME_PREFIX_KW.matcher(args);
            if (kw.find()) {
                prefix = kw.group(2);
            } else if (parts.size() > 1 && parts.get(1).trim().matches("[rbuRBU]?(['\"]).*\\1")) {
                // register_blueprint(blueprint, name_prefix=None, url_prefix=None): the second positional argument.
                String s = parts.get(1).trim();
                prefix = s.substring(s.indexOf(s.charAt(s.length() - 1)) + 1, s.length() - 1);
            }
            out.put(var.substring(var.lastIndexOf('.') + 1), prefix);
            String[] segments = var.split("\\.");
            if (segments.length > 1) {
                // register_blueprint(reports.bp) and register_blueprint(alerts.bp): each module's own "bp", told
                // apart by the module it is read from.
                out.put(segments[segments.length - 2] + "." + segments[segments.length - 1], prefix);
            }
        }
        return out;
    }

    /**
     * The functions one file defines on its own ({@code app = Chalice(...)} or a blueprint in the same file).
     * {@code prefixes} maps blueprint variable names to their name prefix.
     */
    public static List<Function> scan(String source, Map<String, String> prefixes) {
        Map<String, String> all = new HashMap<>(blueprintPrefixes(source));
        all.putAll(prefixes);
        return scanProject(List.of(new Source("app", source)), all).functions();
    }

    /** Every function the app's files define, in file order (app.py first when it is first in {@code sources}). */
    public static Result scanProject(List<Source> sources) {
        Map<String, String> prefixes = new HashMap<>();
        for (Source s : sources) {
            prefixes.putAll(blueprintPrefixes(s.text()));
        }
        return scanProject(sources, prefixes);
    }

    private static Result scanProject(List<Source> sources, Map<String, String> prefixes) {
        // Classes that are Chalice (false) or Blueprint (true), subclasses included.
        Map<String, Boolean> classes = new LinkedHashMap<>(Map.of("Chalice", false, "Blueprint", true));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (Source s : sources) {
                Matcher c = CLASS.matcher(s.text());
                while (c.find()) {
                    for (String base : c.group(2).split(",")) {
                        String b = lastSegment(base.trim());
                        if (classes.containsKey(b) && !classes.containsKey(c.group(1))) {
                            classes.put(c.group(1), classes.get(b));
                            changed = true;
                        }
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        // Functions that build and return the app (an app factory or a cached singleton).
        Map<String, Boolean> factories = new HashMap<>();
        for (Source s : sources) {
            Matcher d = DEF_LINE.matcher(s.text());
            List<int[]> defs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            while (d.find()) {
                defs.add(new int[]{d.start(), d.group(1).length()});
                names.add(d.group(2));
            }
            for (int i = 0; i < defs.size(); i++) {
                int end = i + 1 < defs.size() ? defs.get(i + 1)[0] : s.text().length();
                String body = s.text().substring(defs.get(i)[0], end);
                if (!body.contains("return")) {
                    continue;
                }
                for (Map.Entry<String, Boolean> cl : classes.entrySet()) {
                    if (Pattern.compile("\\b" + Pattern.quote(cl.getKey()) + "\\s*\\(").matcher(body).find()) {
                        factories.putIfAbsent(names.get(i), cl.getValue());
                    }
                }
            }
        }
        // Names bound to an app or blueprint object, per module (module attributes, so other files can import them).
        Map<String, Map<String, Boolean>> exports = new LinkedHashMap<>();
        for (Source s : sources) {
            exports.put(s.module(), new LinkedHashMap<>());
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (Source s : sources) {
                Map<String, Boolean> local = exports.get(s.module());
                int before = local.size();
                bindings(s, local, classes, factories, exports);
                changed |= local.size() != before;
            }
            if (!changed) {
                break;
            }
        }
        if (exports.values().stream().allMatch(Map::isEmpty)) {
            // The app object comes from outside these files (or is built in a way the scan cannot see): chalice's own
            // convention, the name "app", is the best remaining guess, as it was before any binding was followed.
            exports.values().forEach(m -> m.put("app", false));
        }
        List<Function> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Dynamic> dynamic = new ArrayList<>();
        for (Source s : sources) {
            Map<String, Boolean> receivers = receivers(s, exports);
            if (!receivers.isEmpty()) {
                for (Function f : registrations(s, receivers, prefixes)) {
                    if (seen.add(f.name() + "|" + f.pythonFunction() + "|" + f.module() + "|" + f.line())) {
                        out.add(f);
                    }
                }
            }
            // Only where the app is in hand (app.py, or a file that binds it) can a computed import register
            // handlers on it; a plugin loader elsewhere in chalicelib/ is no concern of target discovery.
            Matcher dm = DYNAMIC.matcher(s.text());
            while ((s.module().equals("app") || !receivers.isEmpty()) && dm.find()) {
                if (!inCommentOrString(s.text(), dm.start())) {
                    dynamic.add(new Dynamic(s.module(), lineOf(s.text(), dm.start()), dm.group(1)));
                    break;
                }
            }
        }
        return new Result(out, dynamic);
    }

    /** Adds to {@code local} the names this file binds to an app or blueprint. */
    private static void bindings(Source s, Map<String, Boolean> local, Map<String, Boolean> classes,
                                 Map<String, Boolean> factories, Map<String, Map<String, Boolean>> exports) {
        String text = s.text();
        Matcher f = FROM_IMPORT.matcher(text);
        while (f.find()) {
            Optional<String> target = resolveModule(s.module(), f.group(1), exports.keySet());
            if (target.isEmpty()) {
                continue;
            }
            Map<String, Boolean> theirs = exports.get(target.get());
            String names = f.group(2).replace("(", " ").replace(")", " ").replace("\\", " ");
            if (names.trim().equals("*")) {
                theirs.forEach((k, v) -> {
                    if (!k.contains(".")) {
                        local.putIfAbsent(k, v);
                    }
                });
                continue;
            }
            for (String part : names.split(",")) {
                String[] w = part.trim().split("\\s+as\\s+");
                String name = w[0].trim();
                if (theirs.containsKey(name)) {
                    local.putIfAbsent(w.length > 1 ? w[1].trim() : name, theirs.get(name));
                }
            }
        }
        Matcher im = IMPORT.matcher(text);
        while (im.find()) {
            for (String part : im.group(1).split(",")) {
                String[] w = part.trim().split("\\s+as\\s+");
                String mod = w[0].trim();
                Optional<String> target = resolveModule(s.module(), mod, exports.keySet());
                if (target.isPresent()) {
                    String alias = w.length > 1 ? w[1].trim() : mod;
                    exports.get(target.get()).forEach((k, v) -> {
                        if (!k.contains(".")) {
                            local.putIfAbsent(alias + "." + k, v);
                        }
                    });
                }
            }
        }
        Matcher a = ASSIGN.matcher(text);
        while (a.find()) {
            String var = a.group(1);
            String rhs = a.group(2);
            boolean call = a.group(3) != null;
            String last = lastSegment(rhs);
            if (call && classes.containsKey(last)) {
                local.putIfAbsent(var, classes.get(last));
            } else if (call && factories.containsKey(last)) {
                local.putIfAbsent(var, factories.get(last));
            } else if (!call && local.containsKey(rhs)) {
                local.putIfAbsent(var, local.get(rhs));
            }
        }
    }

    /** The names in this file that are an app or blueprint, dotted forms ({@code app.app}) included. */
    private static Map<String, Boolean> receivers(Source s, Map<String, Map<String, Boolean>> exports) {
        return exports.getOrDefault(s.module(), Map.of());
    }

    private static List<Function> registrations(Source s, Map<String, Boolean> receivers,
                                                Map<String, String> prefixes) {
        String source = s.text();
        String[] lines = source.split("\r?\n", -1);
        List<Function> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].trim();
            if (!trimmed.startsWith("@")) {
                continue;
            }
            int start = i;
            StringBuilder deco = new StringBuilder(stripComment(trimmed));
            while (depth(deco) > 0 && i + 1 < lines.length) {
                i++;
                deco.append(' ').append(stripComment(lines[i].trim()));
            }
            Matcher d = DECORATOR.matcher(deco.toString().trim());
            if (!d.matches() || !receivers.containsKey(d.group(1))) {
                continue;
            }
            String py = functionAfter(lines, i + 1);
            function(d.group(1), d.group(2), d.group(4) == null ? "" : d.group(4), py, start + 1, s.module(),
                    receivers, prefixes).ifPresent(out::add);
        }
        // The call form: app.route('/x', methods=['GET'])(handler), what the decorator does when written out.
        Matcher c = CALL_FORM.matcher(source);
        while (c.find()) {
            if (!receivers.containsKey(c.group(1)) || !(FIXED.containsKey(c.group(2))
                    || OWN_FUNCTION.contains(c.group(2)))) {
                continue;
            }
            int open = c.end() - 1;
            Optional<String> args = balanced(source, open);
            if (args.isEmpty()) {
                continue;
            }
            int after = open + args.get().length() + 2;
            Matcher h = Pattern.compile("\\G\\s*\\(\\s*([\\w.]+)\\s*\\)").matcher(source);
            if (!h.find(after)) {
                continue;
            }
            function(c.group(1), c.group(2), args.get(), lastSegment(h.group(1)), lineOf(source, c.start(1)),
                    s.module(), receivers, prefixes).ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparingInt(Function::line));
        return out;
    }

    private static Optional<Function> function(String receiver, String kind, String args, String py, int line,
                                               String module, Map<String, Boolean> receivers,
                                               Map<String, String> prefixes) {
        String name;
        String computedFrom = "";
        String prefix = "";
        if (FIXED.containsKey(kind)) {
            name = FIXED.get(kind);
        } else if (OWN_FUNCTION.contains(kind)) {
            Optional<FunctionNames.Name> n = FunctionNames.of(args);
            name = n.map(FunctionNames.Name::value).orElse(py);
            computedFrom = n.filter(FunctionNames.Name::computed).map(FunctionNames.Name::expression).orElse("");
            if (name == null) {
                return Optional.empty();
            }
            if (Boolean.TRUE.equals(receivers.get(receiver))) {
                String inModule = lastSegment(module) + "." + lastSegment(receiver);
                prefix = prefixes.getOrDefault(inModule, prefixes.getOrDefault(lastSegment(receiver), ""));
                name = prefix + name;
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new Function(name, py == null ? "" : py, kind, line, module, computedFrom, prefix));
    }

    /**
     * The module an import names, among the app's own: absolute ({@code chalicelib.main}), relative ({@code .main}
     * from {@code chalicelib.jobs}), or a suffix when the app puts chalicelib/ itself on {@code sys.path}
     * ({@code import helpers} for {@code chalicelib.helpers}); empty when ambiguous or not the app's.
     */
    static Optional<String> resolveModule(String from, String name, Set<String> modules) {
        String n = name;
        if (n.startsWith(".")) {
            int dots = 0;
            while (dots < n.length() && n.charAt(dots) == '.') {
                dots++;
            }
            List<String> pkg = new ArrayList<>(List.of(from.split("\\.")));
            // A module's package is its name minus the last part; each extra dot goes one package up.
            for (int k = 0; k < dots && !pkg.isEmpty(); k++) {
                pkg.remove(pkg.size() - 1);
            }
            String rest = n.substring(dots);
            n = String.join(".", pkg) + (rest.isEmpty() || pkg.isEmpty() ? rest : "." + rest);
        }
        if (modules.contains(n)) {
            return Optional.of(n);
        }
        String key = n;
        List<String> matches = modules.stream().filter(m -> m.endsWith("." + key)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private static String lastSegment(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static int lineOf(String s, int offset) {
        int line = 1;
        for (int k = 0; k < offset && k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static boolean inCommentOrString(String s, int offset) {
        int lineStart = s.lastIndexOf('\n', offset - 1) + 1;
        String before = s.substring(lineStart, offset);
        return !stripComment(before).equals(before) || depthQuotes(before);
    }

    private static boolean depthQuotes(String s) {
        char quote = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == '\\') {
                    k++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            }
        }
        return quote != 0;
    }

    /** The text between the bracket at {@code open} and its match, strings skipped; empty when it never closes. */
    static Optional<String> balanced(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == '\\') {
                    k++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                int nl = s.indexOf('\n', k);
                k = nl < 0 ? s.length() : nl;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return Optional.of(s.substring(open + 1, k));
                }
            }
        }
        return Optional.empty();
    }

    /** Splits call arguments at top-level commas (a trailing comma adds no argument). */
    static List<String> splitTopLevel(String args) {
        List<String> out = splitTop(args, ',');
        if (out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Splits {@code s} at {@code op} outside strings and brackets; the last piece is always kept. */
    static List<String> splitTop(String s, char op) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int from = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == '\\') {
                    k++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == op && depth == 0) {
                out.add(s.substring(from, k));
                from = k + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }

    private static String functionAfter(String[] lines, int from) {
        for (int j = from; j < lines.length; j++) {
            String t = lines[j].trim();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("@")) {
                continue;
            }
            Matcher m = DEF.matcher(lines[j]);
            return m.find() ? m.group(1) : null;
        }
        return null;
    }

    /** The bracket depth at the end of {@code s}, ignoring brackets inside string literals. */
    static int depth(CharSequence s) {
        int depth = 0;
        char quote = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == '\\') {
                    k++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }

    private static String stripComment(String line) {
        char quote = 0;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quote != 0) {
                if (c == '\\') {
                    k++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, k).trim();
            }
        }
        return line;
    }

    public static Optional<String> firstAppVariable(String source) {
        Matcher v = ASSIGN.matcher(source);
        while (v.find()) {
            if (v.group(3) != null && lastSegment(v.group(2)).equals("Chalice")) {
                return Optional.of(v.group(1));
            }
        }
        return Optional.empty();
    }
}
