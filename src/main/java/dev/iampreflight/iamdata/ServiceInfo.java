package dev.iampreflight.iamdata;

import java.util.List;

/** An AWS service as IAM knows it: its action prefix (e.g. {@code ses}), its name, and the SDK names that map to it. */
public record ServiceInfo(String prefix, String name, List<String> sdkNames) {
    public ServiceInfo {
        sdkNames = List.copyOf(sdkNames);
    }
}
