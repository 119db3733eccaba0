package dev.iampreflight.eval;

/**
 * The answer for a request. With an unknown resource part ({@code {?}}), {@link #ALLOWED} means allowed for every
 * value, the denies mean denied for every value, and {@link #ALLOWED_FOR_SOME} means some values are allowed (the
 * decision lists which patterns).
 */
public enum DecisionKind {
    ALLOWED("allowed"),
    IMPLICIT_DENY("implicit_deny"),
    EXPLICIT_DENY("explicit_deny"),
    ALLOWED_FOR_SOME("allowed_for_some");

    private final String json;

    DecisionKind(String json) {
        this.json = json;
    }

    /** The lower-case name used in JSON output and conformance files. */
    public String json() {
        return json;
    }

    public boolean isDeny() {
        return this == IMPLICIT_DENY || this == EXPLICIT_DENY;
    }

    public static DecisionKind fromJson(String s) {
        for (DecisionKind k : values()) {
            if (k.json.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown decision '" + s + "'");
    }
}
