package dev.iampreflight.eval.aws.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.policy.ValueList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a parsed policy back as JSON for the simulator, one statement per line: statement {@code i} (0-based) is on
 * line {@code i + 3}, so the {@code StartPosition} the simulator reports for a matched statement
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Statement.html) leads back to the statement and its
 * location in the project, whatever format (YAML, HCL, JSON) it was written in.
 */
public final class PolicyJson {

    private static final int FIRST_STATEMENT_LINE = 3;

    private PolicyJson() {
    }

    public static String render(PolicyDocument doc) {
        StringBuilder sb = new StringBuilder("{\"Version\":");
        str(sb, doc.version().map(LocatedString::value).orElse(PolicyDocument.VERSION_2008));
        sb.append(",\n\"Statement\":[");
        List<Statement> statements = doc.statements();
        for (int i = 0; i < statements.size(); i++) {
            sb.append('\n');
            statement(sb, statements.get(i));
            if (i + 1 < statements.size()) {
                sb.append(',');
            }
        }
        sb.append("\n]}");
        return sb.toString();
    }

    /** The statement whose text starts on {@code line} (1-based), if any. */
    public static int statementIndexAt(int line) {
        return line - FIRST_STATEMENT_LINE;
    }

    private static void statement(StringBuilder sb, Statement s) {
        sb.append('{');
        if (s.sid().isPresent()) {
            sb.append("\"Sid\":");
            str(sb, s.sid().get().value());
            sb.append(',');
        }
        sb.append("\"Effect\":");
        str(sb, s.effect() == dev.iampreflight.policy.Effect.ALLOW ? "Allow" : "Deny");
        if (s.principal().isPresent()) {
            Principal p = s.principal().get();
            sb.append(p.negated() ? ",\"NotPrincipal\":" : ",\"Principal\":");
            if (p.anyone()) {
                str(sb, "*");
            } else {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, List<LocatedString>> e : p.byType().entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    str(sb, e.getKey());
                    sb.append(':');
                    list(sb, strings(e.getValue()));
                }
                sb.append('}');
            }
        }
        values(sb, s.actions(), "Action");
        if (s.resources().isPresent()) {
            values(sb, s.resources().get(), "Resource");
        }
        if (!s.condition().isEmpty()) {
            Map<String, Map<String, List<String>>> byOperator = new LinkedHashMap<>();
            for (Condition c : s.condition().conditions()) {
                byOperator.computeIfAbsent(c.operator().value(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(c.key().value(), k -> new ArrayList<>()).addAll(c.valueStrings());
            }
            sb.append(",\"Condition\":{");
            boolean firstOp = true;
            for (Map.Entry<String, Map<String, List<String>>> op : byOperator.entrySet()) {
                sb.append(firstOp ? "" : ",");
                firstOp = false;
                str(sb, op.getKey());
                sb.append(":{");
                boolean firstKey = true;
                for (Map.Entry<String, List<String>> k : op.getValue().entrySet()) {
                    sb.append(firstKey ? "" : ",");
                    firstKey = false;
                    str(sb, k.getKey());
                    sb.append(':');
                    list(sb, k.getValue());
                }
                sb.append('}');
            }
            sb.append('}');
        }
        sb.append('}');
    }

    private static void values(StringBuilder sb, ValueList v, String name) {
        sb.append(',').append('"').append(v.negated() ? "Not" + name : name).append("\":");
        list(sb, v.strings());
    }

    private static List<String> strings(List<LocatedString> values) {
        List<String> out = new ArrayList<>(values.size());
        for (LocatedString s : values) {
            out.add(s.value());
        }
        return out;
    }

    private static void list(StringBuilder sb, List<String> values) {
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            str(sb, values.get(i));
        }
        sb.append(']');
    }

    private static void str(StringBuilder sb, String s) {
        sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
    }
}
