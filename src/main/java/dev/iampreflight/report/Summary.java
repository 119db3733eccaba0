package dev.iampreflight.report;

/** The counts every reporter prints: findings by severity, deploy targets checked and SDK calls checked. */
public record Summary(int errors, int warnings, int notes, int targets, int calls) {

    /** {@code 2 errors, 1 warning, 0 notes in 3 targets (12 calls checked)}. */
    public String line() {
        return plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + plural(notes, "note") + " in "
                + plural(targets, "target") + " (" + plural(calls, "call") + " checked)";
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
