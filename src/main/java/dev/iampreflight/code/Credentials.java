package dev.iampreflight.code;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.SymbolicValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whose credentials an SDK call is signed with, as far as the code shows it. Only {@link Kind#DEFAULT} calls run as
 * the deploy target's own principal (boto3's default credential chain; in Lambda the execution role's keys in the
 * environment); every other kind runs as someone else, or does not reach AWS IAM at all, so its calls must never be
 * charged to the target's role.
 *
 * @param kind   where the credentials come from
 * @param detail what names them: the RoleArn passed to {@code assume_role}, the profile name, the access key value, or
 *               the {@code endpoint_url}; {@code null} for the default chain
 * @param origin where they were obtained (the {@code assume_role} call, the client or session built with them)
 * @param extras for an assumed role, the STS session features the caller used that need their own permission
 *               ({@code Tags}, {@code SourceIdentity})
 * @param session for an assumed role, the session policies passed ({@code Policy}: the JSON text;
 *                {@code PolicyArns}: the list of {@code {arn: ...}}), which limit what the session may do
 */
public record Credentials(Kind kind, SymbolicValue detail, SourceLocation origin, Set<String> extras,
                          Map<String, SymbolicValue> session) {

    public enum Kind {
        /** boto3's default chain: the target's own role. */
        DEFAULT,
        /** {@code sts.assume_role}: the role named by {@code detail} (maybe unknown). */
        ASSUMED_ROLE,
        /** {@code sts.assume_role_with_web_identity} / {@code _with_saml}: the role named by {@code detail}. */
        FEDERATED_ROLE,
        /** Cognito identity pool credentials ({@code cognito-identity get_credentials_for_identity}). */
        COGNITO,
        /** Access keys passed explicitly (from configuration, a secret, a literal). */
        KEYS,
        /** A named profile ({@code profile_name=}). */
        PROFILE,
        /** A local emulator endpoint (LocalStack, DynamoDB Local): not AWS IAM at all. */
        LOCAL_ENDPOINT
    }

    public static final Credentials DEFAULT = new Credentials(Kind.DEFAULT, null, SourceLocation.unknown(), Set.of());

    public Credentials(Kind kind, SymbolicValue detail, SourceLocation origin, Set<String> extras) {
        this(kind, detail, origin, extras, Map.of());
    }

    /**
     * Variables the Lambda runtime sets to the execution role's own credentials, so keys read from them are the default
     * chain's (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
     */
    private static final Set<String> OWN_KEYS = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE");

    /** Hosts of local emulators; AWS service endpoints are https on amazonaws.com / api.aws. */
    private static final Pattern LOCAL_HOST = Pattern.compile(
            "(?i)^https?://(localhost|127\\.[0-9.]+|0\\.0\\.0\\.0|\\[::1]|host\\.docker\\.internal|[^/:]*localstack[^/:]*"
                    + "|[^/:]*dynamodb-local[^/:]*|[^/:]*minio[^/:]*)([:/].*)?$");
    private static final Pattern HTTP_URL = Pattern.compile("^http://([^/:]+)([:/].*)?$");

    public Credentials {
        Objects.requireNonNull(kind, "kind");
        origin = origin == null ? SourceLocation.unknown() : origin;
        extras = Set.copyOf(extras);
        session = session == null ? Map.of() : Map.copyOf(session);
    }

    public static Credentials of(Kind kind, SymbolicValue detail, SourceLocation origin) {
        return new Credentials(kind, detail, origin, Set.of());
    }

    public boolean isDefault() {
        return kind == Kind.DEFAULT;
    }

    /** The same credentials obtained at another place (call locations are rebased to the project root). */
    public Credentials relocated(java.util.function.UnaryOperator<SourceLocation> f) {
        return origin.file().isEmpty() ? this : new Credentials(kind, detail, f.apply(origin), extras, session);
    }

    /**
     * What these credentials are for a target with environment {@code env}. Keys or a profile read from a variable the
     * target does not set are {@code None} at run time, which boto3 treats as "not given" (the default chain), as are
     * the runtime's own credential variables; an {@code endpoint_url} is local only when every value it may have is a
     * local host or plain http.
     */
    public Credentials resolve(Map<String, String> env) {
        if (detail == null || kind == Kind.DEFAULT) {
            return this;
        }
        SymbolicValue d = detail.resolve(env);
        switch (kind) {
            case KEYS, PROFILE -> {
                List<SymbolicValue> alts = d.alternatives();
                if (alts.stream().allMatch(Credentials::unsetOrOwn)) {
                    return DEFAULT;
                }
                return new Credentials(kind, d, origin, extras, session);
            }
            case LOCAL_ENDPOINT -> {
                List<SymbolicValue> alts = d.alternatives();
                boolean local = !alts.isEmpty() && alts.stream().allMatch(Credentials::isLocalEndpoint);
                return local ? new Credentials(kind, d, origin, extras, session) : DEFAULT;
            }
            default -> {
                return new Credentials(kind, d, origin, extras, session);
            }
        }
    }

    private static boolean unsetOrOwn(SymbolicValue v) {
        return v instanceof SymbolicValue.EnvVar e && (OWN_KEYS.contains(e.name()) || e.fallback().isEmpty());
    }

    /** Whether an endpoint_url names a local emulator rather than an AWS endpoint. */
    public static boolean isLocalEndpoint(SymbolicValue endpoint) {
        if (endpoint instanceof SymbolicValue.EnvVar) {
            return false;
        }
        String url = endpoint.render();
        if (LOCAL_HOST.matcher(url).matches()) {
            return true;
        }
        Matcher m = HTTP_URL.matcher(url);
        // AWS endpoints are https; a plain-http endpoint with a known host is an emulator (http://dynamodb:8000).
        return m.matches() && !m.group(1).contains(SymbolicValue.UNKNOWN) && !m.group(1).endsWith("amazonaws.com");
    }

    /** The role an assumed-role credential runs as, when these are such credentials. */
    public Optional<String> roleArn() {
        return (kind == Kind.ASSUMED_ROLE || kind == Kind.FEDERATED_ROLE) && detail != null
                ? Optional.of(detail.render()) : Optional.empty();
    }

    /** For people: "the role arn:aws:iam::{?}:role/auditor assumed at app.py:4". */
    public String describe() {
        String at = origin.line() > 0 ? " (" + origin + ")" : "";
        return switch (kind) {
            case DEFAULT -> "the target's own role";
            case ASSUMED_ROLE -> "the assumed role " + (detail == null ? SymbolicValue.UNKNOWN : detail.render()) + at;
            case FEDERATED_ROLE -> "the role " + (detail == null ? SymbolicValue.UNKNOWN : detail.render())
                    + " assumed with a web identity or SAML assertion" + at;
            case COGNITO -> "Cognito identity pool credentials" + at;
            case KEYS -> "access keys passed explicitly" + at;
            case PROFILE -> "the named profile " + (detail == null ? SymbolicValue.UNKNOWN : detail.describe()) + at;
            case LOCAL_ENDPOINT -> "a local endpoint " + (detail == null ? "" : detail.render()) + at;
        };
    }
}
