package dev.iampreflight.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;

/**
 * Jackson trees read with the streaming parser, the same trees {@code ObjectMapper.readTree} builds with its default
 * settings (later duplicate keys win, content after the first value is ignored). Setting up an {@code ObjectMapper}
 * (its class initialisation and the tree deserialiser's classes) costs a cold JVM a noticeable part of a small
 * {@code check} (docs/performance.md, "End to end"), so code on every check's path reads and builds trees without one.
 */
public final class JsonTrees {

    private static final JsonFactory JSON = new JsonFactory();
    /** The factory an {@code ObjectMapper} uses by default, so nodes built here equal the ones it builds. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /** The first JSON value of {@code text}, or null when there is none. */
    public static JsonNode read(String text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            return t == null ? null : node(p, t);
        }
    }

    /** The first JSON value read from {@code in} (closed with the parser), or null when there is none. */
    public static JsonNode read(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            JsonToken t = p.nextToken();
            return t == null ? null : node(p, t);
        }
    }

    private static JsonNode node(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, node(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(node(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }
}
