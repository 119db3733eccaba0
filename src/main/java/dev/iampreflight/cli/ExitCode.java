package dev.iampreflight.cli;

/** The process exit codes, documented in {@code --help}. */
public enum ExitCode {
    OK(0, "no finding at or above --fail-on (or the request is allowed)"),
    FINDINGS(1, "findings at or above --fail-on (or the request is denied)"),
    USAGE(2, "usage error or unusable input (nothing could be checked)"),
    INTERNAL(3, "internal error: a bug in iam-preflight; please report it");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
