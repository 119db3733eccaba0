package dev.iampreflight.cli;

import java.io.PrintWriter;

/**
 * Where a command prints: standard output and error, and whether colour is on. Only the cli package prints; the
 * streams are injected so tests can capture them.
 */
public record Console(PrintWriter out, PrintWriter err, boolean color) {

    public static final String RESET = "\u001b[0m";
    public static final String BOLD = "\u001b[1m";
    public static final String RED = "\u001b[31m";
    public static final String YELLOW = "\u001b[33m";
    public static final String GREEN = "\u001b[32m";
    public static final String CYAN = "\u001b[36m";
    public static final String DIM = "\u001b[2m";

    /** {@code text} wrapped in the given ANSI style when colour is on. */
    public String style(String ansi, String text) {
        return color ? ansi + text + RESET : text;
    }
}
