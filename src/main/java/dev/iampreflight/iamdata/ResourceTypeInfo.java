package dev.iampreflight.iamdata;

import java.util.List;

/** A resource type of a service, e.g. dynamodb {@code table} with {@code arn:${Partition}:dynamodb:${Region}:...}. */
public record ResourceTypeInfo(String service, String name, List<String> arnFormats, List<String> conditionKeys) {
    public ResourceTypeInfo {
        arnFormats = List.copyOf(arnFormats);
        conditionKeys = List.copyOf(conditionKeys);
    }
}
