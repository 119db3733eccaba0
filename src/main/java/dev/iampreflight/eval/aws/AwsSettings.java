package dev.iampreflight.eval.aws;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to reach the AWS IAM policy simulator. Credentials always come from the SDK's standard chain (environment,
 * system properties, the shared config and credentials files with {@code profile}, SSO, container and instance
 * credentials); they are never part of the settings and never printed.
 *
 * @param profile           a named profile of the shared config files ({@code --profile}); else the chain's default
 * @param region            the region to sign STS calls for and to choose the IAM partition by; else
 *                          {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the profile's {@code region}, us-east-1
 * @param iamEndpoint       {@code --endpoint-url}: the IAM endpoint; else {@code AWS_ENDPOINT_URL_IAM}, else
 *                          {@code AWS_ENDPOINT_URL}, else the SDK's endpoint for the partition
 * @param environment       the process environment (the endpoint and region variables are read from it)
 * @param maxCallsPerSecond at most this many API calls start per second (on top of the SDK's adaptive retry mode,
 *                          which slows down further after a {@code Throttling} answer)
 * @param log               receives one line per API call (for {@code -v}); never credentials
 */
public record AwsSettings(Optional<String> profile, Optional<String> region, Optional<String> iamEndpoint,
                          Map<String, String> environment, double maxCallsPerSecond, Consumer<String> log) {

    public static final double DEFAULT_CALLS_PER_SECOND = 20;

    public AwsSettings {
        profile = profile == null ? Optional.empty() : profile;
        region = region == null ? Optional.empty() : region;
        iamEndpoint = iamEndpoint == null ? Optional.empty() : iamEndpoint;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (!(maxCallsPerSecond > 0)) {
            throw new IllegalArgumentException("maxCallsPerSecond must be positive");
        }
        log = log == null ? s -> { } : log;
    }
}
