package dev.iampreflight.require;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scanner needs to know about one deploy target: its name, the environment variables its code sees, where it
 * runs (account, region, partition; each may be unknown) and its code roots. The check command builds one from each
 * discovered deploy target; {@code scan} without targets uses {@link #defaults}.
 */
public record TargetContext(String name, Map<String, String> environment, Optional<String> account,
                            Optional<String> region, Optional<String> partition, List<Path> codeRoots) {
    public TargetContext {
        environment = Map.copyOf(environment);
        codeRoots = List.copyOf(codeRoots);
    }

    /** The one context {@code scan} uses without deploy targets: no environment, account/region from options. */
    public static TargetContext defaults(Optional<String> account, Optional<String> region) {
        return new TargetContext("default", Map.of(), account, region, Optional.empty(), List.of());
    }

    /**
     * The partition: the target's, else the one the region belongs to ({@code cn-} regions are aws-cn,
     * {@code us-gov-} aws-us-gov, per https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html),
     * else unknown.
     */
    public Optional<String> effectivePartition() {
        if (partition.isPresent()) {
            return partition;
        }
        return region.map(r -> r.startsWith("cn-") ? "aws-cn" : r.startsWith("us-gov-") ? "aws-us-gov"
                : r.startsWith("us-iso-") ? "aws-iso" : r.startsWith("us-isob-") ? "aws-iso-b" : "aws");
    }
}
