package dev.iampreflight.check.internal;

import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Small ARN helpers for joining requirements to the resource policies a project declares. */
public final class ArnPatterns {

    private static final String UNKNOWN = "{?}";

    private ArnPatterns() {
    }

    /** IAM-style glob over a name (a target's): {@code *} any run of characters, {@code ?} one character. */
    public static boolean globMatches(String pattern, String text) {
        return Wildcards.matches(pattern, Wildcards.Syntax.POLICY, Wildcards.Mode.PLAIN, text);
    }

    /**
     * The resource policy that governs {@code resource}: one attached to that ARN (an unknown part of the policy's
     * ARN, {@code {?}}, stands for any value), and for S3 a bucket policy also governs the bucket's objects.
     */
    public static Optional<ResourcePolicy> resourcePolicyFor(String resource, List<ResourcePolicy> policies) {
        for (ResourcePolicy p : policies) {
            Predicate<String> arn = Wildcards.matcher(p.resourceArn(), Wildcards.Syntax.POLICY,
                    Wildcards.Mode.RESOURCE);
            if (arn.test(resource)) {
                return Optional.of(p);
            }
            if (p.kind() == ResourceKind.S3_BUCKET && resource.startsWith("arn:")) {
                int slash = resource.indexOf('/');
                if (slash > 0 && arn.test(resource.substring(0, slash))) {
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
}
