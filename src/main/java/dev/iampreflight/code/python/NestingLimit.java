package dev.iampreflight.code.python;

/**
 * CPython's limit on open brackets: its tokenizer refuses a 201st {@code (}, {@code [} or {@code {} open at once with
 * "too many nested parentheses" ({@code MAXLEVEL 200} in CPython's {@code Parser/lexer/state.h}, checked in
 * {@code lexer.c}), so such a file never compiles and none of its code runs. Finding the first such opener is one
 * linear pass, where tree-sitter's error recovery on thousands of unclosed openers costs tens of microseconds each.
 * Strings and comments are skipped (their brackets are text); f-string replacement fields are skipped with them,
 * which can only miss a too-deep file, never call a valid one too deep.
 */
final class NestingLimit {

    /** CPython's {@code MAXLEVEL}. */
    static final int MAX_LEVEL = 200;

    private NestingLimit() {
    }

    /** The offset of the first opener beyond {@link #MAX_LEVEL} open ones, or -1. */
    static int firstTooDeep(String s) {
        int level = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '#' -> {
                    while (i + 1 < n && s.charAt(i + 1) != '\n') {
                        i++;
                    }
                }
                case '\'', '"' -> i = endOfString(s, i);
                case '(', '[', '{' -> {
                    if (level >= MAX_LEVEL) {
                        return i;
                    }
                    level++;
                }
                case ')', ']', '}' -> level = Math.max(0, level - 1);
                default -> {
                }
            }
        }
        return -1;
    }

    /** The offset of the last character of the string literal whose opening quote is at {@code q}. */
    private static int endOfString(String s, int q) {
        char quote = s.charAt(q);
        int n = s.length();
        boolean triple = q + 2 < n && s.charAt(q + 1) == quote && s.charAt(q + 2) == quote;
        int i = triple ? q + 3 : q + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                // An escape, or in a raw string a backslash that still keeps the next quote in the string.
                i += 2;
                continue;
            }
            if (!triple && c == '\n') {
                return i;
            }
            if (c == quote && (!triple || i + 2 < n && s.charAt(i + 1) == quote && s.charAt(i + 2) == quote)) {
                return triple ? i + 2 : i;
            }
            i++;
        }
        return n - 1;
    }
}
