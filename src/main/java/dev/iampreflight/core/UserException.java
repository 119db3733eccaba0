package dev.iampreflight.core;

/**
 * The one exception type for mistakes a user can fix (bad option, missing file, unusable input). The CLI maps it to
 * exit code 2 and prints its message without a stack trace. Anything else that escapes is an internal error.
 */
public final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
