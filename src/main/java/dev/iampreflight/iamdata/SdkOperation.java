package dev.iampreflight.iamdata;

import java.util.List;

/**
 * One operation of an SDK service model ({@code aws-sdk} v2 {@code apis/*.min.json}): its CamelCase name, its boto3
 * method name, and the top-level members of its input shape.
 */
public record SdkOperation(String sdkService, String name, String pythonName, List<String> inputMembers,
                           List<String> requiredMembers) {
    public SdkOperation {
        inputMembers = List.copyOf(inputMembers);
        requiredMembers = List.copyOf(requiredMembers);
    }
}
