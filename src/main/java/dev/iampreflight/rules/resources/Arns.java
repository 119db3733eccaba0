package dev.iampreflight.rules.resources;

import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.iamdata.ResourceTypeInfo;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.PolicyText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Readings of Resource and NotResource ARNs against the ARN formats of the bundled data. */
final class Arns {

    private Arns() {
    }

    /** A located ARN split into its six fields. */
    record Located(LocatedString value, String[] fields) {
        String partition() {
            return fields[1];
        }

        String service() {
            return fields[2];
        }

        String region() {
            return fields[3];
        }

        String account() {
            return fields[4];
        }

        String resource() {
            return fields[5];
        }
    }

    /** The statement's Resource and NotResource values that are whole, known ARNs. */
    static List<Located> of(Statement s) {
        List<Located> out = new ArrayList<>();
        for (LocatedString r : s.resources().map(v -> v.values()).orElse(List.of())) {
            if (PolicyText.unknown(r.value())) {
                continue;
            }
            PolicyText.arn(r.value()).ifPresent(f -> out.add(new Located(r, f)));
        }
        return out;
    }

    /** A format split into six fields. */
    record Format(ResourceTypeInfo type, String[] fields) {
    }

    /**
     * The formats (of types with this ARN service) whose resource part can match the ARN's resource part; empty when
     * none can (an unknown type) or when the ARN's service is unknown. Wildcards and policy variables in the ARN
     * stand for text that may hold delimiters.
     */
    static List<Format> formatsFor(KnowledgeBase kb, Located arn) {
        List<Format> out = new ArrayList<>();
        for (ResourceTypeInfo t : kb.resourceTypesWithArnService(arn.service())) {
            for (String f : t.arnFormats()) {
                String[] ff = f.split(":", 6);
                if (ff.length == 6 && resourcePartMatches(ff[5], arn.resource())) {
                    out.add(new Format(t, ff));
                }
            }
        }
        return out;
    }

    /** True when some text matched by the ARN's resource part (a glob) can be an instance of the format's part. */
    static boolean resourcePartMatches(String formatPart, String arnPart) {
        return ArnGlobs.intersects(arnPart, formatPart);
    }

    static boolean literal(String field) {
        return !PolicyText.hasWildcard(field) && !PolicyText.hasVariable(field);
    }

    static Optional<String> first(List<Format> formats) {
        return formats.isEmpty() ? Optional.empty() : Optional.of(String.join(":", formats.get(0).fields()));
    }
}
