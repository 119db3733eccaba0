package dev.iampreflight.check.internal;

import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small ARN helpers for joining requirements to the resource policies a project declares. */
public final class ArnPatterns {

    private static final String UNKNOWN = "{?}";

    private ArnPatterns() {
    }

    /** IAM-style glob: {@code *} any run of characters, {@code ?} one character; everything else literal. */
    public static boolean globMatches(String pattern, String text) {
        return toRegex(pattern, false).matcher(text).matches();
    }

    /**
     * The resource policy that governs {@code resource}: one attached to that ARN (an unknown part of the policy's
     * ARN, {@code {?}}, stands for any value), and for S3 a bucket policy also governs the bucket's objects.
     */
    public static Optional<ResourcePolicy> resourcePolicyFor(String resource, List<ResourcePolicy> policies) {
        for (ResourcePolicy p : policies) {
            Pattern arn = toRegex(p.resourceArn(), true);
            if (arn.matcher(resource).matches()) {
                return Optional.of(p);
            }
            if (p.kind() == ResourceKind.S3_BUCKET && resource.startsWith("arn:")) {
                int slash = resource.indexOf('/');
                if (slash > 0 && arn.matcher(resource.substring(0, slash)).matches()) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The account field of an ARN when it is known (not empty, not unknown). */
    public static Optional<String> account(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return Optional.empty();
        }
        String account = parts[4];
        return account.isEmpty() || account.contains(UNKNOWN) || account.contains("*") ? Optional.empty()
                : Optional.of(account);
    }

    /**
     * The name of the IAM role an ARN names ({@code arn:aws:iam::123:role/path/name} gives {@code name}: role names
     * are unique in an account whatever their path), when it is fully known.
     */
    public static Optional<String> roleName(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || !parts[5].startsWith("role/")) {
            return Optional.empty();
        }
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        return name.isEmpty() || name.contains(UNKNOWN) || name.contains("*") || name.contains("?")
                ? Optional.empty() : Optional.of(name);
    }

    private static Pattern toRegex(String pattern, boolean unknownIsWildcard) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (unknownIsWildcard && pattern.startsWith(UNKNOWN, i)) {
                re.append(".*");
                i += UNKNOWN.length() - 1;
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
