package dev.iampreflight.core.tree;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    @Test
    void writesCompactJsonWithEveryStringEscaped() {
        String json = "{\"a\": [1, true, null, \"x\\\"y\\\\z\\n\\u0001\"], \"b\": {}}";
        Node n = TreeReader.parse(json, "t.json", TreeReader.Format.JSON).root().orElseThrow();
        assertEquals("{\"a\":[1,true,null,\"x\\\"y\\\\z\\n\\u0001\"],\"b\":{}}", JsonText.of(n));
        Node again = TreeReader.parse(JsonText.of(n), "t.json", TreeReader.Format.JSON).root().orElseThrow();
        assertEquals(JsonText.of(n), JsonText.of(again), "round trip");
    }
}
