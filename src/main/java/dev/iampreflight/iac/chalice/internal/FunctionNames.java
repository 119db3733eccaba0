package dev.iampreflight.iac.chalice.internal;

import dev.iampreflight.core.SymbolicValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda function name a Chalice decorator's {@code name=} argument gives. A string literal is the name; a name
 * computed in Python ({@code 'cognito-hook-%s' % settings.STAGE}, {@code 'sqs_' + queue_name}, an f-string, a
 * variable) keeps the parts written literally and has {@code {?}} for the rest: the reader does not run the app, and
 * inventing a value (the format string itself, or the Python function's name) would name a function chalice never
 * deploys.
 */
final class FunctionNames {

    /** A name, and whether some of it is computed ({@code {?}}), with the expression it came from. */
    record Name(String value, boolean computed, String expression) {
    }

    private static final String U = SymbolicValue.UNKNOWN;
    private static final Pattern NAME_ARG = Pattern.compile("(?s)^name\\s*=(?!=)\\s*(.+)$");
    private static final Pattern PERCENT_FIELD = Pattern.compile("%(\\([^)]*\\))?[-#0 +]*\\d*(\\.\\d+)?[sdirfxXoeEgGc]");
    private static final Pattern BRACE_FIELD = Pattern.compile("\\{[^{}]*}");

    private FunctionNames() {
    }

    /** The {@code name=} keyword argument among a decorator's arguments; empty when there is none. */
    static Optional<Name> of(String args) {
        for (String a : DecoratorScanner.splitTopLevel(args)) {
            Matcher m = NAME_ARG.matcher(a.strip());
            if (m.matches()) {
                String expr = m.group(1).strip();
                String v = value(expr);
                return Optional.of(new Name(v, v.contains(U), expr));
            }
        }
        return Optional.empty();
    }

    private static String value(String expr) {
        String e = unparen(expr.strip());
        List<String> plus = DecoratorScanner.splitTop(e, '+');
        if (plus.size() > 1) {
            StringBuilder out = new StringBuilder();
            plus.forEach(p -> out.append(value(p)));
            return collapse(out.toString());
        }
        List<String> percent = DecoratorScanner.splitTop(e, '%');
        if (percent.size() == 2) {
            return literal(percent.get(0).strip()).map(l -> collapse(PERCENT_FIELD.matcher(l.text())
                    .replaceAll(Matcher.quoteReplacement(U)).replace("%%", "%"))).orElse(U);
        }
        int format = e.lastIndexOf(".format(");
        if (format > 0 && e.endsWith(")")) {
            return literal(e.substring(0, format).strip()).map(l -> collapse(BRACE_FIELD.matcher(l.text())
                    .replaceAll(Matcher.quoteReplacement(U)))).orElse(U);
        }
        return literal(e).map(l -> l.fString() ? collapse(BRACE_FIELD.matcher(l.text())
                .replaceAll(Matcher.quoteReplacement(U))) : l.text()).orElse(U);
    }

    private record Literal(String text, boolean fString) {
    }

    /** A single string literal (prefixes r, b, u, f), its text between the quotes; escapes are kept as written. */
    private static Optional<Literal> literal(String t) {
        int i = 0;
        while (i < t.length() && i < 2 && "rRbBuUfF".indexOf(t.charAt(i)) >= 0) {
            i++;
        }
        String prefix = t.substring(0, i).toLowerCase(java.util.Locale.ROOT);
        String rest = t.substring(i);
        for (String q : List.of("'''", "\"\"\"", "'", "\"")) {
            if (rest.length() >= 2 * q.length() && rest.startsWith(q) && rest.endsWith(q)) {
                String body = rest.substring(q.length(), rest.length() - q.length());
                if (q.length() == 1 && body.replace("\\" + q, "").contains(q)) {
                    return Optional.empty(); // two literals, or a literal followed by more
                }
                return Optional.of(new Literal(body, prefix.contains("f")));
            }
        }
        return Optional.empty();
    }

    private static String unparen(String expr) {
        String e = expr;
        while (e.startsWith("(") && e.endsWith(")")) {
            Optional<String> inside = DecoratorScanner.balanced(e, 0);
            if (inside.isEmpty() || inside.get().length() != e.length() - 2) {
                break;
            }
            e = inside.get().strip();
        }
        return e;
    }

    private static String collapse(String s) {
        String out = s;
        while (out.contains(U + U)) {
            out = out.replace(U + U, U);
        }
        return out;
    }
}
