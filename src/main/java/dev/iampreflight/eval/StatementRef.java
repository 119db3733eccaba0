package dev.iampreflight.eval;

import dev.iampreflight.core.SourceLocation;

/**
 * Points at one statement: the policy's name and role ({@code level} is the SCP/RCP level, 0 = root, else -1), the
 * statement's label ({@code statement 'Sid'} or {@code statement #n}) and where it was written.
 */
public record StatementRef(String policyName, PolicyRole role, int level, String statementLabel,
                           SourceLocation location) {

    @Override
    public String toString() {
        return role.label() + (level >= 0 ? " level " + level : "") + " '" + policyName + "' " + statementLabel
                + (location.file().isEmpty() ? "" : " (" + location + ")");
    }
}
