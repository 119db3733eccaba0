package dev.iampreflight.rules.conditions;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;

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
