package dev.iampreflight.report;

import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;

import java.util.Locale;
import java.util.Optional;

/**
 * The rules of {@code check} and the reserved unusable-input ids, with their metadata in one place (as error-prone
 * keeps a check's metadata on the check): id, short name, default severity, one-line summary (no trailing period) and
 * a longer description. {@code docs/rules.md} documents each under a {@code ## <ID>} heading; a test keeps the two in
 * step. Id ranges: {@code IAM00xx} unusable input, {@code IAM10xx} check results.
 */
public enum Rule {
    UNPARSABLE(ReservedRules.UNPARSABLE, "unparsable-input", Severity.ERROR,
            "A file is not well-formed JSON or YAML",
            "The file could not be parsed (a bad token, a truncated document, an empty file). Nothing in it was "
                    + "checked; the other inputs were. Fix the syntax at the reported line and column."),
    BAD_SHAPE(ReservedRules.BAD_SHAPE, "bad-shape", Severity.ERROR,
            "A document parsed but an element has the wrong shape",
            "The file is valid JSON or YAML but an element is not what its reader expects: a policy Statement that "
                    + "is a number, an Effect that is a list, an unknown key or a wrong type in .iam-preflight.yml. "
                    + "The message names the element and says what would be valid."),
    DUPLICATE_KEY(ReservedRules.DUPLICATE_KEY, "duplicate-key", Severity.ERROR,
            "The same key appears twice in one object",
            "AWS, like most JSON readers, keeps only the last value of a repeated key, so the first one is silently "
                    + "ignored. This is rarely what the author meant; merge the two values or delete one."),
    UNREADABLE(ReservedRules.UNREADABLE, "unreadable-file", Severity.ERROR,
            "A file could not be read",
            "The file named by the project or the command line is missing, is a directory, cannot be read with the "
                    + "current permissions, or is too large to be a policy or template."),
    MISSING_PERMISSION("IAM1001", "missing-permission", Severity.ERROR,
            "The code makes an AWS call that its deploy target's policies deny",
            "An SDK call in the code needs an IAM action on a resource, and the policies of the deploy target that "
                    + "runs the code deny it for every resource the call can touch. The message names the action, "
                    + "the resource, the target and why: no statement allows it, a Deny statement at file:line "
                    + "matches it, or the resource's own policy (such as a KMS key policy) does not trust the "
                    + "principal. The call fails with AccessDenied at run time. The suggested fix is the "
                    + "least-privilege statement that allows exactly this request; `check --fix` writes it into a "
                    + "Chalice or JSON policy file."),
    PARTIAL_PERMISSION("IAM1002", "permission-for-some-resources", Severity.WARNING,
            "The code's AWS call is allowed for only some of the resources it can touch",
            "The resource of the call is not fully known statically (a table name from an environment variable, a "
                    + "key built at run time), and the policies allow the action for some of its possible values but "
                    + "not all. The message lists the resources that are allowed. The call works only if the value "
                    + "at run time is one of them."),
    CANNOT_CHECK("IAM1003", "cannot-check", Severity.NOTE,
            "A deploy target's policy lives in AWS and cannot be checked offline",
            "The target uses an existing role (for example Chalice `iam_role_arn` with `manage_iam_role: false`) or "
                    + "a managed policy that is not in the project or the bundled data. Its calls were not checked. "
                    + "Run with `--simulator aws` and credentials to ask the IAM policy simulator instead. Reported "
                    + "once per target."),
    CHALICE_AUTOGEN_MISS("IAM1004", "chalice-autogen-miss", Severity.WARNING,
            "Chalice's automatic policy generation would miss this call",
            "The app lets Chalice generate its policy (`autogen_policy` is true), but Chalice's generator only sees "
                    + "calls on clients created in a form it recognises, so this call's action will not be in the "
                    + "deployed policy. Write the policy yourself (`autogen_policy: false` and a policy file) or "
                    + "restructure the call so the generator sees it."),
    EXPIRED_IGNORE("IAM1005", "expired-ignore", Severity.WARNING,
            "An ignore entry in the config file has expired",
            "An `ignore` entry in .iam-preflight.yml has an `expires` date that has passed, so it no longer "
                    + "suppresses anything and the findings it covered are reported again. Fix them, or extend the "
                    + "date with a reason.");

    /** Where {@code docs/rules.md} is published; each rule has an anchor there named after its lower-case id. */
    public static final String DOCS_URI = "https://github.com/iam-preflight/iam-preflight/blob/main/docs/rules.md";

    private final String id;
    private final String ruleName;
    private final Severity severity;
    private final String summary;
    private final String description;

    Rule(String id, String ruleName, Severity severity, String summary, String description) {
        this.id = id;
        this.ruleName = ruleName;
        this.severity = severity;
        this.summary = summary;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** A short kebab-case name, e.g. {@code missing-permission}. */
    public String ruleName() {
        return ruleName;
    }

    public Severity severity() {
        return severity;
    }

    /** One line, no trailing period. */
    public String summary() {
        return summary;
    }

    public String description() {
        return description;
    }

    /** The rule's section of docs/rules.md. */
    public String helpUri() {
        return DOCS_URI + "#" + id.toLowerCase(Locale.ROOT);
    }

    public static Optional<Rule> byId(String id) {
        for (Rule r : values()) {
            if (r.id.equalsIgnoreCase(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
