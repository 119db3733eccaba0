package dev.iampreflight.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming reader builds the trees an ObjectMapper with default settings builds. */
class JsonTreesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void sameTreesAsAnObjectMapper() throws Exception {
        String[] cases = {
                "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::b/*\"]}",
                "{\"a\":1,\"a\":2}",                                   // later duplicate wins
                "{\"i\":7,\"l\":12345678901,\"b\":123456789012345678901234567890,\"f\":1.5,\"e\":-2e3}",
                "{\"t\":true,\"f\":false,\"n\":null,\"o\":{},\"a\":[],\"x\":[[1,{\"y\":\"\\u00e9\"}]]}",
                "[1,\"two\",3.0]",
                "\"just a string\"",
                "{\"a\":1} {\"ignored\":true}",                       // content after the first value is ignored
        };
        for (String c : cases) {
            assertEquals(MAPPER.readTree(c), JsonTrees.read(c), c);
            byte[] bytes = c.getBytes(StandardCharsets.UTF_8);
            assertEquals(MAPPER.readTree(c), JsonTrees.read(new ByteArrayInputStream(bytes)), c);
            assertEquals(MAPPER.writeValueAsString(MAPPER.readTree(c)), MAPPER.writeValueAsString(JsonTrees.read(c)),
                    c);
        }
    }

    @Test
    void emptyTextIsNoValueAndMalformedTextFails() throws Exception {
        assertNull(JsonTrees.read(""));
        assertNull(JsonTrees.read("  \n"));
        assertTrue(MAPPER.readTree("").isMissingNode(), "ObjectMapper: a missing node, not an object either");
        for (String bad : new String[]{"{\"a\":", "{\"a\" 1}", "[1,", "nope"}) {
            assertThrows(IOException.class, () -> JsonTrees.read(bad), bad);
        }
    }
}
