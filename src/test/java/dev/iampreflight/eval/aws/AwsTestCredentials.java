package dev.iampreflight.eval.aws;

import java.nio.file.Path;

/**
 * Dummy credentials for the tests, given to the SDK's standard chain through the system properties it reads first
 * ({@code aws.accessKeyId}, ...). The shared config files are pointed at paths that do not exist and the instance
 * metadata service is switched off, so nothing outside 127.0.0.1 is ever asked.
 */
public final class AwsTestCredentials {

    public static final String KEY_ID = "AKIAFAKEKEYID0000001";
    public static final String SECRET = "fakeSecretDoNotPrint/0123456789abcdefghij";
    public static final String TOKEN = "FakeSessionTokenDoNotPrint0123456789";

    private AwsTestCredentials() {
    }

    public static void install(Path dir) {
        noFiles(dir);
        System.setProperty("aws.accessKeyId", KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET);
        System.setProperty("aws.sessionToken", TOKEN);
    }

    /** No credentials anywhere the chain looks (but the instance metadata service, which is off). */
    public static void noFiles(Path dir) {
        clear();
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        System.setProperty("aws.configFile", dir.resolve("no-config").toString());
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    public static void clear() {
        for (String p : new String[]{"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken",
                "aws.sharedCredentialsFile", "aws.configFile"}) {
            System.clearProperty(p);
        }
    }

    /** True when any part of the credentials appears in {@code text}. */
    public static boolean leaks(String text) {
        return text.contains(KEY_ID) || text.contains(SECRET) || text.contains(TOKEN)
                || text.contains("Signature=") || text.toLowerCase(java.util.Locale.ROOT).contains("x-amz-security-token");
    }
}
