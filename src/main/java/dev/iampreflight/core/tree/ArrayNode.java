package dev.iampreflight.core.tree;

import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Optional;

/** A sequence in source order. */
public record ArrayNode(List<Node> items, SourceLocation location, Optional<String> tag) implements Node {

    public ArrayNode {
        items = List.copyOf(items);
    }

    public static ArrayNode of(List<Node> items, SourceLocation location) {
        return new ArrayNode(items, location, Optional.empty());
    }

    @Override
    public String kindName() {
        return "array";
    }
}
