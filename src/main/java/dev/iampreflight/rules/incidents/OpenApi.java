package dev.iampreflight.rules.incidents;

import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.project.internal.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reading an OpenAPI 3 or Swagger 2 document (https://spec.openapis.org/oas/v3.0.3, .../v2.0). */
final class OpenApi {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace", "x-amazon-apigateway-any-method");

    private OpenApi() {
    }

    /** The {@code openapi} version when it is 3.x: the version that reads components.securitySchemes. */
    static Optional<String> openApi3(ObjectNode doc) {
        return Nodes.string(doc, "openapi").filter(v -> v.startsWith("3"))
                .filter(v -> doc.field("swagger").isEmpty());
    }

    /** A security requirement: the scheme name as written, in the operation (or the document) that names it. */
    record Requirement(String scheme, ObjectNode.Field at, String operation) {
    }

    /** Every security requirement of the document: its global {@code security} and each operation's. */
    static List<Requirement> requirements(ObjectNode doc) {
        List<Requirement> out = new ArrayList<>();
        requirements(doc, "the document", out);
        Nodes.childObject(doc, "paths").ifPresent(paths -> {
            for (ObjectNode.Field p : paths.fields()) {
                Nodes.object(p.value()).ifPresent(item -> {
                    for (ObjectNode.Field m : item.fields()) {
                        if (METHODS.contains(m.key().toLowerCase(Locale.ROOT))) {
                            Nodes.object(m.value()).ifPresent(op -> requirements(op,
                                    m.key().toUpperCase(Locale.ROOT) + " " + p.key(), out));
                        }
                    }
                });
            }
        });
        return out;
    }

    private static void requirements(ObjectNode holder, String operation, List<Requirement> out) {
        Optional<Node> security = holder.get("security");
        if (security.isPresent() && security.get() instanceof ArrayNode a) {
            for (Node alternative : a.items()) {
                Nodes.object(alternative).ifPresent(o -> o.fields().forEach(f ->
                        out.add(new Requirement(f.key(), f, operation))));
            }
        }
    }

    /** The names declared under {@code key} (a path of object keys), empty when absent, unknown when not an object. */
    static Optional<Set<String>> names(ObjectNode doc, String... path) {
        ObjectNode at = doc;
        for (int i = 0; i < path.length; i++) {
            Optional<Node> next = at.get(path[i]);
            if (next.isEmpty()) {
                return Optional.of(Set.of());
            }
            if (!(next.get() instanceof ObjectNode o) || next.get().tag().isPresent()) {
                return Optional.empty();
            }
            at = o;
        }
        return Optional.of(Set.copyOf(at.keys()));
    }
}
