package dev.iampreflight.rules.resources;

import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.iamdata.ActionResourceType;

import java.util.HashSet;
import java.util.Set;

/** Which resource types a Resource value can name, and whether an action acts on any of them. */
final class ResourceTypes {

    private ResourceTypes() {
    }

    /** The ARN formats of the resource types an action acts on. */
    static Set<String> formatsOf(ActionInfo action) {
        Set<String> out = new HashSet<>();
        for (ActionResourceType t : action.resourceTypes()) {
            out.addAll(t.arnFormats());
        }
        return out;
    }

    /** "bucket (arn:${Partition}:s3:::${BucketName})", for messages. */
    static String describe(ActionInfo action) {
        StringBuilder sb = new StringBuilder();
        for (ActionResourceType t : action.resourceTypes()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(t.name()).append(t.arnFormats().isEmpty() ? "" : " (" + t.arnFormats().get(0) + ")");
        }
        return sb.toString();
    }
}
