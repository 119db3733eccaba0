package dev.iampreflight.eval.aws.internal;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of messages that quote the SDK or AWS: access key ids, signatures, session tokens and credential
 * scopes are replaced, and a message is cut to its first line (AWS's SignatureDoesNotMatch message quotes the whole
 * canonical request, headers included).
 */
public final class Redact {

    private static final Pattern KEY_ID = Pattern.compile("\\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}\\b");
    private static final Pattern NAMED = Pattern.compile(
            "(?i)(signature|x-amz-security-token|x-amz-signature|credential|aws_secret_access_key|"
                    + "aws_session_token|secretaccesskey|sessiontoken|security-token|authorization)"
                    + "(\\s*[=:]\\s*)[^\\s,;&\"']+");

    private Redact() {
    }

    public static String message(String m) {
        if (m == null) {
            return "(no message)";
        }
        String s = m;
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl);
        }
        if (s.length() > 300) {
            s = s.substring(0, 300) + "...";
        }
        s = KEY_ID.matcher(s).replaceAll("<redacted>");
        s = NAMED.matcher(s).replaceAll("$1$2<redacted>");
        return s;
    }
}
