package dev.iampreflight.core.tree;

import dev.iampreflight.core.SourceLocation;

import java.util.Optional;

/**
 * A JSON or YAML value that remembers where it was written. Every reader of user files (policies, Chalice config,
 * CloudFormation templates, plan JSON) goes through this tree so that every finding can point at file:line:column.
 */
public sealed interface Node permits ObjectNode, ArrayNode, ScalarNode {

    SourceLocation location();

    /** The YAML tag written on this value (e.g. {@code !Ref}), if any. JSON never has one. */
    Optional<String> tag();

    /** A short name of this node's kind for messages: "object", "array", "string", "number", "boolean", "null". */
    String kindName();
}
