package dev.iampreflight.iamdata;

import java.util.List;

/** A resource type an action can act on, with its ARN formats; {@code required} as in the Service Authorization Reference. */
public record ActionResourceType(String name, boolean required, List<String> arnFormats) {
    public ActionResourceType {
        arnFormats = List.copyOf(arnFormats);
    }
}
