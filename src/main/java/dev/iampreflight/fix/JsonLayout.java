package dev.iampreflight.fix;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree in the layout most hand-written and {@code json.dumps(indent=n)}-written policy files use:
 * {@code "key": value}, every object member and array item on its own line, empty containers as {@code {}} and
 * {@code []}, keys in document order. The indent unit (two or four spaces, a tab) and line separator are parameters,
 * so a re-serialised document can match the file it came from byte for byte.
 */
public final class JsonLayout {

    private final String unit;
    private final String newline;

    public JsonLayout(String unit, String newline) {
        this.unit = unit;
        this.newline = newline;
    }

    public static JsonLayout twoSpaces() {
        return new JsonLayout("  ", "\n");
    }

    public String unit() {
        return unit;
    }

    public String newline() {
        return newline;
    }

    /** {@code node} as text; lines after the first start with {@code prefix} plus the nesting indentation. */
    public String write(JsonNode node, String prefix) {
        StringBuilder sb = new StringBuilder();
        write(node, prefix, sb);
        return sb.toString();
    }

    public String write(JsonNode node) {
        return write(node, "");
    }

    private void write(JsonNode node, String indent, StringBuilder sb) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{').append(newline);
            String inner = indent + unit;
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(inner);
                JsonText.quoteTo(sb, e.getKey());
                sb.append(": ");
                write(e.getValue(), inner, sb);
                sb.append(it.hasNext() ? "," : "").append(newline);
            }
            sb.append(indent).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[').append(newline);
            String inner = indent + unit;
            for (int i = 0; i < node.size(); i++) {
                sb.append(inner);
                write(node.get(i), inner, sb);
                sb.append(i + 1 < node.size() ? "," : "").append(newline);
            }
            sb.append(indent).append(']');
        } else if (node.isTextual()) {
            JsonText.quoteTo(sb, node.textValue());
        } else if (node.isBoolean() || node.isNull() || node.isInt() || node.isLong()) {
            // What Jackson writes for them; its toString would set up an ObjectMapper, ~50 ms of a cold check.
            sb.append(node.asText());
        } else {
            // Other numbers keep Jackson's rendering of the parsed value.
            sb.append(node.toString());
        }
    }
}
