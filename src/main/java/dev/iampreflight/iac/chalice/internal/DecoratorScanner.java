package dev.iampreflight.iac.chalice.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Lambda functions a Chalice app defines by scanning decorator lines of its Python files. A light scan, not
 * a Python parser: it joins a decorator's lines until its brackets balance (so {@code @app.route(...)} may span lines),
 * skips strings and comments while counting, and reads the {@code name=} keyword. Function naming follows chalice's
 * own rules (https://aws.github.io/chalice/topics/events.html, https://aws.github.io/chalice/topics/websockets.html):
 * every route shares {@code api_handler}; websocket handlers are {@code websocket_connect}/{@code _message}/
 * {@code _disconnect}; every other decorated handler is named by {@code name=} or its Python function name, prefixed
 * by the blueprint's {@code name_prefix} when registered through a blueprint.
 */
public final class DecoratorScanner {

    /**
     * A Lambda function chalice will create, with the Python function and where its decorator is. {@code module} is
     * the Python module the function is defined in ({@code app}, {@code chalicelib.jobs}); chalice's handler string
     * is {@code module.function}.
     */
    public record Function(String name, String pythonFunction, String decorator, int line, String module) {
        public Function withModule(String m) {
            return new Function(name, pythonFunction, decorator, line, m);
        }
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

    private static final Pattern APP_VAR = Pattern.compile(
            "(?m)^\\s*(\\w+)\\s*(?::\\s*[\\w.]+\\s*)?=\\s*(?:chalice\\.)?(Chalice|Blueprint)\\s*\\(");
    private static final Pattern DECORATOR = Pattern.compile("^@\\s*(\\w+)\\s*\\.\\s*(\\w+)\\s*(\\((.*)\\))?\\s*$",
            Pattern.DOTALL);
    private static final Pattern NAME_KW = Pattern.compile("\\bname\\s*=\\s*[rbuRBU]?(['\"])(.*?)\\1");
    private static final Pattern DEF = Pattern.compile("^\\s*(?:async\\s+)?def\\s+(\\w+)");
    private static final Pattern REGISTER = Pattern.compile(
            "register_blueprint\\s*\\(\\s*([\\w.]+)(?:[^)]*?name_prefix\\s*=\\s*(['\"])(.*?)\\2)?");

    private DecoratorScanner() {
    }

    /** The blueprint variable (last dotted segment) to its {@code name_prefix}, from {@code app.py}. */
    public static Map<String, String> blueprintPrefixes(String appSource) {
        Map<String, String> out = new HashMap<>();
        Matcher m = REGISTER.matcher(appSource);
        while (m.find()) {
            String var = m.group(1);
            String last = var.substring(var.lastIndexOf('.') + 1);
            out.put(last, m.group(3) == null ? "" : m.group(3));
        }
        return out;
    }

    /**
     * The functions one file defines. {@code prefixes} maps blueprint variable names to their name prefix (absent:
     * the blueprint is not registered under a prefix).
     */
    public static List<Function> scan(String source, Map<String, String> prefixes) {
        Map<String, Boolean> appVars = new LinkedHashMap<>(); // variable -> is blueprint
        Matcher v = APP_VAR.matcher(source);
        while (v.find()) {
            appVars.put(v.group(1), v.group(2).equals("Blueprint"));
        }
        if (appVars.isEmpty()) {
            appVars.put("app", false);
        }
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
            if (!d.matches() || !appVars.containsKey(d.group(1))) {
                continue;
            }
            String kind = d.group(2);
            String args = d.group(4) == null ? "" : d.group(4);
            String py = functionAfter(lines, i + 1);
            String name;
            if (FIXED.containsKey(kind)) {
                name = FIXED.get(kind);
            } else if (OWN_FUNCTION.contains(kind)) {
                Matcher n = NAME_KW.matcher(args);
                name = n.find() ? n.group(2) : py;
                if (name == null) {
                    continue;
                }
                if (Boolean.TRUE.equals(appVars.get(d.group(1)))) {
                    name = prefixes.getOrDefault(d.group(1), "") + name;
                }
            } else {
                continue;
            }
            out.add(new Function(name, py == null ? "" : py, kind, start + 1, "app"));
        }
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
        Matcher v = APP_VAR.matcher(source);
        while (v.find()) {
            if (v.group(2).equals("Chalice")) {
                return Optional.of(v.group(1));
            }
        }
        return Optional.empty();
    }
}
