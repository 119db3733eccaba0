package dev.iampreflight.report;

import dev.iampreflight.core.Finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding's identity across runs, used by SARIF {@code partialFingerprints} and by {@code --baseline}: a SHA-256
 * of the rule id, target, action, resource and file, and deliberately not the line or column, so that a finding
 * keeps its fingerprint when code above it moves. Findings without an action (input and config problems) add their
 * message with digits removed, so that two different problems in one file stay apart while line numbers quoted in
 * the message do not matter.
 */
public final class Fingerprints {

    /** The {@code partialFingerprints} key; versioned so a future change of recipe does not collide. */
    public static final String SARIF_KEY = "iamPreflight/v1";

    private Fingerprints() {
    }

    public static String of(Finding f, Report report) {
        return of(f, report.relative(f.location().file()));
    }

    /** {@code file} is the finding's file as the report shows it (root-relative, forward slashes). */
    public static String of(Finding f, String file) {
        StringBuilder key = new StringBuilder()
                .append(f.ruleId()).append('\0')
                .append(f.target().orElse("")).append('\0')
                .append(f.action().orElse("")).append('\0')
                .append(f.resource().orElse("")).append('\0')
                .append(file);
        if (f.action().isEmpty()) {
            key.append('\0').append(f.message().replaceAll("[0-9]+", "#"));
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
