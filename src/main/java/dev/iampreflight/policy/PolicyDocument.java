package dev.iampreflight.policy;

import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Optional;

/**
 * A parsed IAM policy document. {@code version} is the Version element as written (absent means AWS's default,
 * {@code 2008-10-17}, under which policy variables are not substituted); {@code name} names where the document came
 * from for messages (a file, or a file plus the resource or inline policy that holds it).
 */
public record PolicyDocument(String name, Optional<LocatedString> version, Optional<LocatedString> id,
                             List<Statement> statements, SourceLocation location) {

    public static final String VERSION_2012 = "2012-10-17";
    public static final String VERSION_2008 = "2008-10-17";

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** Policy variables such as {@code ${aws:username}} are substituted only under Version 2012-10-17. */
    public boolean substitutesVariables() {
        return version.map(v -> VERSION_2012.equals(v.value())).orElse(false);
    }
}
