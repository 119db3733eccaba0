package dev.iampreflight.cli;

import dev.iampreflight.check.Simulation;
import dev.iampreflight.core.UserException;
import dev.iampreflight.eval.aws.AwsSettings;
import dev.iampreflight.eval.aws.AwsSimulator;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --simulator local|aws|both} and how to reach AWS (shared by {@code check} and {@code simulate}). The region
 * comes from the command's own {@code --region}. Nothing touches the network unless {@code aws} or {@code both} is
 * chosen.
 */
public final class SimulatorOptions {

    @Option(names = "--simulator", paramLabel = "ENGINE", defaultValue = "local",
            description = "Which engine decides: local (default; offline), aws (the AWS IAM policy simulator, "
                    + "through the standard AWS credential chain), or both (report every disagreement).")
    String simulator = "local";

    @Option(names = "--profile", paramLabel = "NAME",
            description = "AWS profile for --simulator aws|both (default: AWS_PROFILE, else the default chain).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "IAM endpoint for --simulator aws|both (default: AWS_ENDPOINT_URL_IAM, else AWS's). STS "
                    + "follows AWS_ENDPOINT_URL_STS.")
    String endpointUrl;

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "Check the code against this deployed role (SimulatePrincipalPolicy) instead of the "
                    + "project's policies; needs --simulator aws|both.")
    String roleArn;

    public Simulation.Mode mode() {
        return switch (simulator.toLowerCase(Locale.ROOT)) {
            case "local" -> Simulation.Mode.LOCAL;
            case "aws" -> Simulation.Mode.AWS;
            case "both" -> Simulation.Mode.BOTH;
            default -> throw new UserException("--simulator must be local, aws or both, not '" + simulator + "'");
        };
    }

    /** Rejects option combinations that cannot work; call from the command's {@code validate()}. */
    public void validate() {
        Simulation.Mode mode = mode();
        if (mode == Simulation.Mode.LOCAL && (profile != null || endpointUrl != null || roleArn != null)) {
            throw new UserException("--profile, --endpoint-url and --role-arn need --simulator aws or both (the local "
                    + "engine never calls AWS)");
        }
        if (roleArn != null && !roleArn.matches("arn:[a-z-]+:iam::\\d{12}:role/.+")) {
            throw new UserException("--role-arn '" + roleArn + "' is not an IAM role ARN such as "
                    + "arn:aws:iam::111122223333:role/app-role");
        }
        if (endpointUrl != null) {
            try {
                URI u = new URI(endpointUrl);
                if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                    throw new URISyntaxException(endpointUrl, "not an http or https URL with a host");
                }
            } catch (URISyntaxException e) {
                throw new UserException("--endpoint-url '" + endpointUrl + "' is not a URL such as "
                        + "https://iam.amazonaws.com (" + e.getReason() + ")");
            }
        }
    }

    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    /** The simulator for aws/both, logging each call to {@code err} when verbose; empty for local. */
    public Optional<AwsSimulator> simulator(Optional<String> region, PrintWriter err, int verbosity) {
        if (mode() == Simulation.Mode.LOCAL) {
            return Optional.empty();
        }
        AwsSettings settings = new AwsSettings(Optional.ofNullable(profile), region, Optional.ofNullable(endpointUrl),
                System.getenv(), AwsSettings.DEFAULT_CALLS_PER_SECOND, verbosity >= 1 ? line -> {
                    err.println("iam-preflight: " + line);
                    err.flush();
                } : null);
        return Optional.of(AwsSimulator.create(settings));
    }

    /** The check's simulation for these options. */
    public Simulation simulation(Optional<AwsSimulator> simulator) {
        return simulator.map(s -> Simulation.remote(mode(), s, roleArn())).orElse(Simulation.local());
    }

    /** The {@code -v} summary: calls, pairs, input sets. */
    static void printStats(Optional<AwsSimulator> simulator, PrintWriter err, int verbosity) {
        if (simulator.isPresent() && verbosity >= 1) {
            AwsSimulator.Stats s = simulator.get().stats();
            err.println("iam-preflight: AWS IAM policy simulator: " + s.calls() + " call(s) for " + s.pairs()
                    + " pair(s) in " + s.inputSets() + " input set(s)");
            err.flush();
        }
    }
}
