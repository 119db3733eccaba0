package dev.iampreflight.iamdata.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ARN format of the Service Authorization Reference, e.g.
 * {@code arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}}, compiled into a matcher for concrete ARNs.
 *
 * <p>Every {@code ${Variable}} matches one non-empty segment (no {@code :} or {@code /}), except a variable that ends
 * the format, which takes the rest (S3 object keys, SSM parameter paths, role paths, log group names hold slashes).
 * A match is <em>exact</em> when no variable had to take a slash; {@code table/${TableName}} matches
 * {@code table/Orders/index/ByDate} only inexactly, while {@code table/${TableName}/index/${IndexName}} matches it
 * exactly, so the index wins.
 */
public final class ArnFormat {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    private final String format;
    private final Pattern pattern;
    private final int literalChars;
    private final int groups;

    public ArnFormat(String format) {
        this.format = format;
        StringBuilder re = new StringBuilder();
        Matcher m = VARIABLE.matcher(format);
        int last = 0;
        int literal = 0;
        int g = 0;
        while (m.find()) {
            String lit = format.substring(last, m.start());
            re.append(Pattern.quote(lit));
            literal += lit.length();
            boolean trailing = m.end() == format.length();
            re.append(trailing ? "(.+)" : "([^:/]+)");
            g++;
            last = m.end();
        }
        String tail = format.substring(last);
        if (!tail.isEmpty()) {
            re.append(Pattern.quote(tail));
            literal += tail.length();
        }
        this.pattern = Pattern.compile(re.toString());
        this.literalChars = literal;
        this.groups = g;
    }

    public String format() {
        return format;
    }

    /** How much of the format is fixed text; more means more specific. */
    public int literalChars() {
        return literalChars;
    }

    /** -1 when the ARN does not match, 0 when it matches only by letting a variable take a slash, 1 when exactly. */
    public int match(String arn) {
        Matcher m = pattern.matcher(arn);
        if (!m.matches()) {
            return -1;
        }
        for (int k = 1; k <= groups; k++) {
            if (m.group(k).indexOf('/') >= 0) {
                return 0;
            }
        }
        return 1;
    }
}
