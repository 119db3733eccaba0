package dev.iampreflight.rules;

import java.util.Locale;

/** The domain of a lint rule; each owns a hundred of the IAM2xxx ids. */
public enum Category {
    GRAMMAR(20), ACTIONS(21), RESOURCES(22), CONDITIONS(23), PRINCIPALS(24), SECURITY(25), REDUNDANCY(26),
    INCIDENTS(27);

    private final int hundreds;

    Category(int hundreds) {
        this.hundreds = hundreds;
    }

    /** The id prefix of the category's rules: 20 for IAM20xx. */
    public int hundreds() {
        return hundreds;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
