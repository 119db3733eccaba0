package dev.iampreflight.project.internal;

import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;

import java.util.Optional;

/** Small accessors over the located JSON/YAML tree. */
public final class Nodes {
    private Nodes() {
    }

    public static Optional<ObjectNode> object(Node n) {
        return n instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    }

    public static Optional<ObjectNode> object(Optional<? extends Node> n) {
        return n.flatMap(Nodes::object);
    }

    public static Optional<ObjectNode> childObject(ObjectNode o, String key) {
        return o.get(key).flatMap(Nodes::object);
    }

    public static Optional<ArrayNode> array(Node n) {
        return n instanceof ArrayNode a ? Optional.of(a) : Optional.empty();
    }

    /** The text of a scalar that is not null and has no YAML tag. */
    public static Optional<String> text(Node n) {
        if (n instanceof ScalarNode s && !s.isNull() && s.tag().isEmpty()) {
            return Optional.of(s.text());
        }
        return Optional.empty();
    }

    public static Optional<String> string(ObjectNode o, String key) {
        return o.get(key).flatMap(Nodes::text);
    }

    public static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.isNull();
    }
}
