package dev.iampreflight.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reports keep their bytes: our JSON string literals are Jackson's, character for character. */
class JsonTextTest {

    private static String jackson(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    @Test
    void everyCharacterIsQuotedAsJacksonQuotesIt() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = String.valueOf((char) c);
            assertEquals(jackson(one), JsonText.quote(one), "U+" + Integer.toHexString(c));
            String mixed = "a" + one + "b\\\"" + one;
            assertEquals(jackson(mixed), JsonText.quote(mixed), "U+" + Integer.toHexString(c) + " in text");
        }
    }

    @Test
    void randomStringsMixingPlainEscapedAndSurrogateCharactersAreQuotedAsJacksonQuotesThem() {
        Random r = new Random(10);
        char[] pool = {'a', 'Z', '/', ' ', '"', '\\', '\n', '\r', '\t', '\b', '\f', 0, 0x1f, 0x7f, 0xe9, 0x2028,
            0xd83d, 0xde00, '{', ':'};
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = r.nextInt(40); i > 0; i--) {
                sb.append(pool[r.nextInt(pool.length)]);
            }
            String s = sb.toString();
            assertEquals(jackson(s), JsonText.quote(s), s);
            StringBuilder into = new StringBuilder("x");
            JsonText.quoteTo(into, s);
            assertEquals("x" + jackson(s), into.toString());
        }
        assertEquals("\"\"", JsonText.quote(""));
    }
}
