package dev.iampreflight.iamdata;

/** An ARN recognised as a resource type of a service, through the ARN format it matched. */
public record ArnMatch(String service, String resourceType, String arnFormat) {
}
