package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.JsonText;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.SymbolicValue;

import java.util.List;
import java.util.Optional;

/**
 * Terraform values as located tree nodes, so that a policy built by {@code jsonencode} or
 * {@code aws_iam_policy_document} goes straight to the policy parser with its .tf locations. An unknown value is a
 * string scalar {@code {?}} tagged {@value #UNKNOWN_TAG}; a structure produced by {@code jsonencode} (or a policy
 * document's {@code json}) is tagged {@value #JSON_TAG} and turns into JSON text where a string is needed.
 */
public final class Values {

    public static final String UNKNOWN_TAG = "!unknown";
    public static final String JSON_TAG = "!json";

    private Values() {
    }

    public static Node unknown(SourceLocation at) {
        return new ScalarNode(ScalarNode.Kind.STRING, SymbolicValue.UNKNOWN, at, Optional.of(UNKNOWN_TAG));
    }

    public static boolean isUnknown(Node n) {
        return n.tag().map(UNKNOWN_TAG::equals).orElse(false);
    }

    public static boolean isJson(Node n) {
        return n.tag().map(JSON_TAG::equals).orElse(false);
    }

    public static Node string(String s, SourceLocation at) {
        return ScalarNode.string(s, at);
    }

    public static Node bool(boolean b, SourceLocation at) {
        return new ScalarNode(ScalarNode.Kind.BOOLEAN, String.valueOf(b), at, Optional.empty());
    }

    public static Node number(String n, SourceLocation at) {
        return new ScalarNode(ScalarNode.Kind.NUMBER, n, at, Optional.empty());
    }

    public static Node nullValue(SourceLocation at) {
        return new ScalarNode(ScalarNode.Kind.NULL, "null", at, Optional.empty());
    }

    public static Node withTag(Node n, String tag) {
        Optional<String> t = Optional.ofNullable(tag);
        if (n instanceof ObjectNode o) {
            return new ObjectNode(o.fields(), o.duplicateKeys(), o.location(), t);
        }
        if (n instanceof ArrayNode a) {
            return new ArrayNode(a.items(), a.location(), t);
        }
        ScalarNode s = (ScalarNode) n;
        return new ScalarNode(s.kind(), s.text(), s.location(), t);
    }

    /** The value as text: unknown is {@code {?}}, null is empty, a jsonencoded structure is its JSON. */
    public static String text(Node n) {
        if (n instanceof ScalarNode s) {
            return s.isNull() ? "" : s.text();
        }
        if (isJson(n)) {
            return json(n);
        }
        return SymbolicValue.UNKNOWN;
    }

    public static Optional<String> knownText(Node n) {
        String t = text(n);
        return t.contains(SymbolicValue.UNKNOWN) ? Optional.empty() : Optional.of(t);
    }

    public static String json(Node n) {
        return JsonText.of(n);
    }

    /**
     * JSON text with each unknown that stands where a value goes (outside a string: {@code "Resource": {?}} from a
     * template that spliced in a value only known after apply) written as the string {@code "{?}"}, so that the
     * text stays valid JSON and the value reads as unknown.
     */
    public static String quoteBareUnknowns(String json) {
        if (!json.contains(SymbolicValue.UNKNOWN)) {
            return json;
        }
        StringBuilder b = new StringBuilder(json.length() + 8);
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                b.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    b.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                b.append(c);
            } else if (json.startsWith(SymbolicValue.UNKNOWN, i)) {
                b.append('"').append(SymbolicValue.UNKNOWN).append('"');
                i += SymbolicValue.UNKNOWN.length() - 1;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static List<Node> items(Node n) {
        if (n instanceof ArrayNode a) {
            return a.items();
        }
        return List.of(n);
    }
}
