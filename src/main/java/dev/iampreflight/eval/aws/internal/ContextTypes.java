package dev.iampreflight.eval.aws.internal;

import dev.iampreflight.iamdata.ConditionKeyInfo;
import dev.iampreflight.iamdata.KnowledgeBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Types the request context for the simulator's {@code ContextEntries}: the simulator compares a value by the type it
 * is given ({@code ContextKeyType}: string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, date,
 * dateList, binary, binaryList; https://docs.aws.amazon.com/IAM/latest/APIReference/API_ContextEntry.html), so a
 * {@code Bool} key sent as a string would never match {@code "Bool": {"aws:SecureTransport": "true"}}. The type comes
 * from the key's type in the Service Authorization Reference (bundled knowledge base); an unknown key is a string (a
 * list when it has several values). Values with an unknown part ({@code {?}}) are left out: the simulator then
 * reports the key as missing, which becomes a note.
 */
public final class ContextTypes {

    /** One typed context entry. */
    public record Entry(String key, String type, List<String> values) {
        public Entry {
            values = List.copyOf(values);
        }
    }

    private final Function<String, Optional<String>> typeOf;

    public ContextTypes(Function<String, Optional<String>> typeOf) {
        this.typeOf = typeOf;
    }

    public static ContextTypes bundled() {
        KnowledgeBase kb = KnowledgeBase.bundled();
        return new ContextTypes(k -> kb.conditionKey(k).map(ConditionKeyInfo::type));
    }

    public List<Entry> entries(Map<String, List<String>> context) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : context.entrySet()) {
            if (e.getValue().isEmpty() || e.getValue().stream().anyMatch(v -> v.contains("{?}"))) {
                continue;
            }
            out.add(new Entry(e.getKey(), type(e.getKey(), e.getValue().size()), e.getValue()));
        }
        return out;
    }

    /** The ContextKeyType for {@code key}: a list type for array keys or when several values are given. */
    public String type(String key, int valueCount) {
        String t = typeOf.apply(key).orElse("String");
        boolean array = t.startsWith("ArrayOf") || valueCount > 1;
        String base = t.startsWith("ArrayOf") ? t.substring("ArrayOf".length()) : t;
        String simple = switch (base.toLowerCase(Locale.ROOT)) {
            case "numeric", "long", "integer" -> "numeric";
            case "bool", "boolean" -> "boolean";
            case "ipaddress", "ip" -> "ip";
            case "date" -> "date";
            case "binary" -> "binary";
            default -> "string"; // String and ARN: ARN values are compared as strings by Arn* operators too
        };
        return array ? simple + "List" : simple;
    }
}
