package dev.iampreflight.policy;

import java.util.Optional;

/**
 * The account field of an ARN ({@code arn:partition:service:region:account:resource}). An ARN whose account field is
 * empty although its resource lives in an account matches no resource: a common mistake the check explains and
 * {@code --fix} corrects. ARN formats from the Service Authorization Reference.
 */
public final class AccountField {

    private AccountField() {
    }

    /**
     * True when the account field is empty by mistake. Not S3 (bucket ARNs have no account) nor resources AWS owns,
     * whose ARNs have an empty account by design: SSM documents AWS publishes and public parameters, public AMIs and
     * snapshots, foundation models (formats with no ${Account}); AWS managed policies have "aws" there.
     */
    public static boolean emptyByMistake(String arn) {
        String[] p = arn.split(":", 6);
        if (p.length != 6 || !p[0].equals("arn") || !p[4].isEmpty() || p[2].equals("s3")) {
            return false;
        }
        String r = p[5];
        boolean awsOwned = p[2].equals("ssm") && (r.startsWith("document/AWS") || r.startsWith("document/Amazon")
                || r.startsWith("parameter/aws/"))
                || p[2].equals("ec2") && (r.startsWith("image/") || r.startsWith("snapshot/"))
                || p[2].equals("bedrock") && r.startsWith("foundation-model/")
                || p[2].equals("sagemaker") && r.startsWith("hub/");
        return !awsOwned;
    }

    /** The 12-digit account of an ARN, when it has one (not empty, not a wildcard or an unknown). */
    public static Optional<String> of(String arn) {
        String[] p = arn.split(":", 6);
        return p.length == 6 && p[0].equals("arn") && p[4].matches("\\d{12}") ? Optional.of(p[4]) : Optional.empty();
    }

    /** The ARN with its account field replaced by {@code account}. */
    public static String with(String arn, String account) {
        String[] p = arn.split(":", 6);
        if (p.length != 6) {
            return arn;
        }
        p[4] = account;
        return String.join(":", p);
    }
}
