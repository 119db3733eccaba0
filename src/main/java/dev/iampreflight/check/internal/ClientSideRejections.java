package dev.iampreflight.check.internal;

import dev.iampreflight.require.Requirement;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requests the SDK refuses to send, whatever the policies: they fail before IAM is asked, so a denial of them is no
 * permission the target lacks.
 */
public final class ClientSideRejections {

    /**
     * botocore checks every S3 operation's {@code Bucket} before building the request (botocore/handlers.py,
     * {@code validate_bucket_name} on {@code before-parameter-build.s3}): a name that does not match this, and is
     * not an access point or Outposts ARN, raises ParamValidationError.
     */
    private static final Pattern VALID_BUCKET = Pattern.compile("^[a-zA-Z0-9.\\-_]{1,255}$");

    private ClientSideRejections() {
    }

    /**
     * Why the SDK refuses the request {@code req} comes from, or empty when it may send it: an S3 bucket name known
     * in full that botocore rejects. A name with unknown parts is never judged.
     */
    public static Optional<String> why(Requirement req) {
        if (!req.call().service().equals("s3") || !req.call().arguments().containsKey("Bucket")) {
            return Optional.empty();
        }
        String resource = req.resource();
        int at = resource.indexOf(":s3:::");
        if (!resource.startsWith("arn:") || at < 0) {
            return Optional.empty();
        }
        String rest = resource.substring(at + ":s3:::".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.contains(dev.iampreflight.core.SymbolicValue.UNKNOWN) || bucket.contains("*")
                || bucket.contains("?") || VALID_BUCKET.matcher(bucket).matches()) {
            return Optional.empty();
        }
        return Optional.of("botocore refuses the bucket name '" + bucket + "' before sending the request "
                + "(ParamValidationError: a bucket name has only letters, digits, '.', '-' and '_'), so the call "
                + "fails without reaching IAM; with a valid name it will need this permission");
    }
}
