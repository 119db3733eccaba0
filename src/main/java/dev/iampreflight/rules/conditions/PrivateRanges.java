package dev.iampreflight.rules.conditions;

import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Private address ranges: IPv4 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) and IPv6 unique local addresses
 * fc00::/7 (RFC 4193). aws:SourceIp holds public addresses only
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip).
 */
final class PrivateRanges {

    private record Range(BigInteger first, int bits, int length) {
    }

    private static final List<Range> PRIVATE = List.of(range("10.0.0.0", 8), range("172.16.0.0", 12),
            range("192.168.0.0", 16), range("fc00::", 7));

    private PrivateRanges() {
    }

    /**
     * An aws:SourceIp condition: its private values, and how many of its values are known (not unknown, no policy
     * variable).
     */
    record SourceIp(Condition condition, List<LocatedString> privates, int known) {
        boolean onlyPrivate() {
            return known > 0 && privates.size() == known;
        }

        String privateList() {
            return String.join(", ", privates.stream().map(LocatedString::value).toList());
        }
    }

    /** The aws:SourceIp conditions of a policy whose operator (without its set prefix and IfExists) {@code op} takes. */
    static List<SourceIp> sourceIp(LintedPolicy policy, Predicate<String> op) {
        List<SourceIp> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Condition c : s.condition().conditions()) {
                if (!c.key().value().equalsIgnoreCase("aws:SourceIp")
                        || !op.test(PolicyText.baseOperator(c.operator().value()))) {
                    continue;
                }
                List<LocatedString> privates = new ArrayList<>();
                int known = 0;
                for (LocatedString v : c.values()) {
                    if (PolicyText.unknown(v.value()) || PolicyText.hasVariable(v.value())) {
                        continue;
                    }
                    known++;
                    if (isPrivate(v.value())) {
                        privates.add(v);
                    }
                }
                out.add(new SourceIp(c, privates, known));
            }
        }
        return out;
    }

    /** True when the address or CIDR range (as IAM reads it) lies wholly inside a private range. */
    static boolean isPrivate(String value) {
        if (!ValueType.ip(value)) {
            return false;
        }
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        boolean v4 = host.indexOf(':') < 0;
        if (!v4 && !host.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (Exception e) {
            return false;
        }
        int length = a.getAddress().length * 8;
        int prefix = slash < 0 ? length : Integer.parseInt(value.substring(slash + 1));
        BigInteger n = new BigInteger(1, a.getAddress());
        for (Range r : PRIVATE) {
            if (r.length() == length && prefix >= r.bits()
                    && n.shiftRight(length - r.bits()).equals(r.first().shiftRight(length - r.bits()))) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String first, int bits) {
        try {
            byte[] b = InetAddress.getByName(first).getAddress();
            return new Range(new BigInteger(1, b), bits, b.length * 8);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
