package dev.iampreflight.iamdata;

import java.util.List;
import java.util.Optional;

/**
 * One operation of an SDK service model (the current {@code @aws-sdk/client-*} v3 model where a pinned package has
 * one, else {@code aws-sdk} v2's {@code apis/*.min.json}): its CamelCase name, its boto3 method name, the top-level
 * members of its input shape, and which of them name a role, a KMS key or tags (by member name: candidates for
 * iam:PassRole, kms:* and the service's tagging action, which the requirement mapper's reviewed tables decide), and
 * the reviewed verdict when IAM does not authorize it ({@code tools/iamdata/curated.json}, {@code noIam}).
 */
public record SdkOperation(String sdkService, String name, String pythonName, List<String> inputMembers,
                           List<String> requiredMembers, List<String> roleMembers, List<String> kmsKeyMembers,
                           List<String> tagMembers, Optional<NoIam> noIam) {

    /**
     * Why no IAM permission is needed: {@code verdict} is {@code no-permission} (the operation needs none, as
     * {@code sts.get_caller_identity}) or {@code not-iam} (unauthenticated or authorized by a user's token, so no
     * policy can allow or deny it); {@code source} the API Reference page; {@code quote} its words.
     */
    public record NoIam(String verdict, String source, String quote) {
    }

    public SdkOperation {
        inputMembers = List.copyOf(inputMembers);
        requiredMembers = List.copyOf(requiredMembers);
        roleMembers = List.copyOf(roleMembers);
        kmsKeyMembers = List.copyOf(kmsKeyMembers);
        tagMembers = List.copyOf(tagMembers);
    }

    public SdkOperation(String sdkService, String name, String pythonName, List<String> inputMembers,
                        List<String> requiredMembers) {
        this(sdkService, name, pythonName, inputMembers, requiredMembers, List.of(), List.of(), List.of(),
                Optional.empty());
    }
}
