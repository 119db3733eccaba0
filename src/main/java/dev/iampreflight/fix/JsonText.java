package dev.iampreflight.fix;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string literals, escaped the way Jackson does (no escaping of '/' or non-ASCII). */
final class JsonText {

    private JsonText() {
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
