package dev.iampreflight.rules.resources;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of AWS Region codes and the partition each belongs to, from the Region codes AWS publishes
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html) and the partitions of
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html: every Region code is an area, one or more
 * words and a number (us-east-1, us-gov-west-1, cn-north-1, eusc-de-east-1); a new Region keeps the shape, so the
 * shape is checked rather than a list that would age.
 */
final class Regions {

    static final Pattern CODE = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");

    /** Region code prefixes of the partitions other than aws, most specific first. */
    private static final List<String[]> PREFIXES = List.of(
            new String[] {"cn-", "aws-cn"}, new String[] {"us-gov-", "aws-us-gov"},
            new String[] {"us-iso-", "aws-iso"}, new String[] {"us-isob-", "aws-iso-b"},
            new String[] {"eu-isoe-", "aws-iso-e"}, new String[] {"us-isof-", "aws-iso-f"},
            new String[] {"eusc-", "aws-eusc"});

    private Regions() {
    }

    static boolean wellFormed(String region) {
        return CODE.matcher(region).matches();
    }

    /** The partition of a well-formed Region code. */
    static Optional<String> partitionOf(String region) {
        if (!wellFormed(region)) {
            return Optional.empty();
        }
        for (String[] p : PREFIXES) {
            if (region.startsWith(p[0])) {
                return Optional.of(p[1]);
            }
        }
        return Optional.of("aws");
    }

    /** True when every format gives the field ({@code 3} region, {@code 4} account) as a variable. */
    static boolean variableIn(List<Arns.Format> formats, int field) {
        return !formats.isEmpty() && formats.stream().allMatch(f -> f.fields()[field].startsWith("${"));
    }
}
