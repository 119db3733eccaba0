package dev.iampreflight.policy.internal;

import java.util.Random;

/** Random pattern texts for the tests that compare the pattern algorithms with their references. */
final class RandomPatterns {

    /** Prefixes of the texts: none, and the ARN prefixes of a few services. */
    static final String[] ARN_PREFIXES = {"", "arn:aws:s3:::", "arn:aws:sqs:us-east-1:1:", "arn:", "arn:aws:",
        "arn:aws:execute-api:", "arn:aws:dynamodb:us-east-1:1:table/"};

    private RandomPatterns() {
    }

    /** One of {@code prefixes}, then up to {@code max - 1} characters of {@code alphabet}. */
    static String random(Random r, String[] prefixes, String alphabet, int max) {
        StringBuilder sb = new StringBuilder(prefixes[r.nextInt(prefixes.length)]);
        int n = r.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
