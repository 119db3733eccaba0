package dev.iampreflight.core;

/**
 * Rule ids reserved for unusable input. They are emitted by readers, not by lint rules, so they live here where every
 * reader can see them. Ids in {@code IAM00xx} mean "the input could not be read as intended".
 */
public final class ReservedRules {
    /** The file is not well-formed JSON or YAML (truncated, bad token, empty, not text). */
    public static final String UNPARSABLE = "IAM0001";
    /** The document parsed but an element has the wrong shape (a statement that is a number, Effect that is a list). */
    public static final String BAD_SHAPE = "IAM0002";
    /** The same key appears twice in one object; AWS keeps the last one, which is rarely what the author meant. */
    public static final String DUPLICATE_KEY = "IAM0003";
    /** The file could not be read at all (missing, a directory, no permission, too large). */
    public static final String UNREADABLE = "IAM0004";

    private ReservedRules() {
    }
}
