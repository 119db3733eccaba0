package dev.iampreflight.rules.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether some ARN is matched both by a policy's Resource pattern (with {@code *}, {@code ?} and policy variables,
 * each of which may stand for any text) and by a resource type's ARN format (with {@code ${Variable}} parts). A
 * variable of a format stands for one or more characters without {@code :} or {@code /}, except the format's last
 * variable, which may hold {@code /} (object keys, role paths, parameter names) unless it is a name AWS forbids
 * slashes in: S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html),
 * DynamoDB table names (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html),
 * SQS queue and SNS topic names. The test walks both patterns once, with a memo: cost grows with the product of
 * their lengths, never with the number of matching ARNs.
 */
final class ArnGlobs {

    /** Variables that never hold a slash even in last position. */
    static final Set<String> NO_SLASH = Set.of("BucketName", "TableName", "QueueName", "TopicName", "Partition",
            "Region", "Account");

    private ArnGlobs() {
    }

    private sealed interface Token permits Lit, Any, One, Var {
    }

    private record Lit(char c) implements Token {
    }

    /** {@code *} of a policy: any text, empty included. */
    private record Any() implements Token {
    }

    /** {@code ?} of a policy: any one character. */
    private record One() implements Token {
    }

    /** A format variable: one or more characters, none of which is in {@code excluded}. */
    private record Var(String excluded) implements Token {
        boolean allows(char c) {
            return excluded.indexOf(c) < 0;
        }
    }

    static boolean intersects(String policyGlob, String format) {
        List<Token> g = glob(policyGlob);
        List<Token> f = format(format);
        Boolean[][][] memo = new Boolean[g.size() + 1][f.size() + 1][2];
        return walk(g, f, 0, 0, false, memo);
    }

    private static List<Token> glob(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{' && s.indexOf('}', i) > 0) {
                out.add(new Any());
                i = s.indexOf('}', i) + 1;
                continue;
            }
            out.add(c == '*' ? new Any() : c == '?' ? new One() : new Lit(c));
            i++;
        }
        return out;
    }

    private static List<Token> format(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int close = s.startsWith("${", i) ? s.indexOf('}', i) : -1;
            if (close > 0) {
                String name = s.substring(i + 2, close);
                boolean last = close == s.length() - 1;
                boolean colonNext = !last && s.charAt(close + 1) == ':';
                String excluded = last ? (NO_SLASH.contains(name) ? "/" : "") : colonNext ? ":" : ":/";
                out.add(new Var(excluded));
                i = close + 1;
            } else {
                out.add(new Lit(s.charAt(i)));
                i++;
            }
        }
        return out;
    }

    /** {@code inVar}: the format's variable at {@code j} has taken at least one character. */
    private static boolean walk(List<Token> g, List<Token> f, int i, int j, boolean inVar, Boolean[][][] memo) {
        Boolean known = memo[i][j][inVar ? 1 : 0];
        if (known != null) {
            return known;
        }
        memo[i][j][inVar ? 1 : 0] = false;
        boolean r = step(g, f, i, j, inVar, memo);
        memo[i][j][inVar ? 1 : 0] = r;
        return r;
    }

    private static boolean step(List<Token> g, List<Token> f, int i, int j, boolean inVar, Boolean[][][] memo) {
        boolean gEnd = i == g.size();
        boolean fEnd = j == f.size();
        if (gEnd && fEnd) {
            return true;
        }
        if (!fEnd && f.get(j) instanceof Var && inVar && walk(g, f, i, j + 1, false, memo)) {
            return true; // the variable ends here
        }
        if (gEnd) {
            return false;
        }
        Token gt = g.get(i);
        if (gt instanceof Any) {
            if (walk(g, f, i + 1, j, inVar, memo)) {
                return true; // * is empty
            }
            if (fEnd) {
                return false;
            }
            // * takes the next literal character of the format, or a character of the variable (it can always
            // produce one the variable allows); a variable that has started may also end, above.
            return f.get(j) instanceof Var ? !inVar && walk(g, f, i, j, true, memo)
                    : walk(g, f, i, j + 1, false, memo);
        }
        if (fEnd) {
            return false;
        }
        Token ft = f.get(j);
        if (ft instanceof Lit fl) {
            return (gt instanceof One || gt instanceof Lit gl && gl.c() == fl.c()) && walk(g, f, i + 1, j + 1, false,
                    memo);
        }
        Var v = (Var) ft;
        if (gt instanceof One) {
            return walk(g, f, i + 1, j, true, memo);
        }
        return v.allows(((Lit) gt).c()) && walk(g, f, i + 1, j, true, memo);
    }
}
