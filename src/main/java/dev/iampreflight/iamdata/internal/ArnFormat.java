package dev.iampreflight.iamdata.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ARN format of the Service Authorization Reference, e.g.
 * {@code arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}}, compiled into a matcher for concrete ARNs.
 *
 * <p>A {@code ${Variable}} runs up to the delimiter the format puts after it: one followed by {@code /} matches no
 * {@code :} or {@code /}; one followed by {@code :} matches no {@code :} (log group names such as
 * {@code /aws/lambda/fn} sit between colons). A variable that ends the format takes the rest (S3 object keys, SSM
 * parameter paths, role paths hold slashes). A match is <em>exact</em> when that last variable took no {@code /} or
 * {@code :}; {@code table/${TableName}} matches {@code table/Orders/index/ByDate} only inexactly, while
 * {@code table/${TableName}/index/${IndexName}} matches it exactly, so the index wins.
 */
public final class ArnFormat {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    private final String format;
    private final Pattern pattern;
    private final int literalChars;
    private final boolean trailingVariable;

    public ArnFormat(String format) {
        this.format = format;
        StringBuilder re = new StringBuilder();
        Matcher m = VARIABLE.matcher(format);
        int last = 0;
        int literal = 0;
        boolean trailing = false;
        while (m.find()) {
            String lit = format.substring(last, m.start());
            re.append(Pattern.quote(lit));
            literal += lit.length();
            trailing = m.end() == format.length();
            boolean colonNext = !trailing && format.charAt(m.end()) == ':';
            re.append(trailing ? "(.+)" : colonNext ? "[^:]+" : "[^:/]+");
            last = m.end();
        }
        String tail = format.substring(last);
        if (!tail.isEmpty()) {
            re.append(Pattern.quote(tail));
            literal += tail.length();
        }
        this.pattern = Pattern.compile(re.toString());
        this.literalChars = literal;
        this.trailingVariable = trailing;
    }

    public String format() {
        return format;
    }

    /** How much of the format is fixed text; more means more specific. */
    public int literalChars() {
        return literalChars;
    }

    /** -1 when the ARN does not match, 0 when only by letting the last variable take a delimiter, 1 when exactly. */
    public int match(String arn) {
        Matcher m = pattern.matcher(arn);
        if (!m.matches()) {
            return -1;
        }
        if (trailingVariable) {
            String rest = m.group(1);
            if (rest.indexOf('/') >= 0 || rest.indexOf(':') >= 0) {
                return 0;
            }
        }
        return 1;
    }
}
