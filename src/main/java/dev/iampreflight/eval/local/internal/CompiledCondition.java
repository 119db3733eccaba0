package dev.iampreflight.eval.local.internal;

import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.policy.internal.Glob;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One compiled condition ({@code operator: {key: values}}). Semantics from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
 * <ul>
 * <li>several values: any may match (OR); for a negated operator none may (NOR);</li>
 * <li>key missing: false, except negated operators (true), {@code ...IfExists} (true), {@code ForAllValues:} (true)
 * and {@code ForAnyValue:} (false); an empty list of values counts as missing;</li>
 * <li>{@code ForAllValues:} every request value must satisfy the operator; {@code ForAnyValue:} at least one;</li>
 * <li>no set operator on a multi-valued key: a positive operator holds when any request value matches, a negated one
 * when no request value matches (documented choice; AWS advises a set operator here);</li>
 * <li>a policy value whose variable has no value in the request is "effectively null": nothing equals or is like
 * it, so it never matches a request value; when every value is such a variable, a positive operator is false and a
 * negated one true (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html, "Policy
 * variables with no value": negated operators "will match against a null value").</li>
 * </ul>
 */
public final class CompiledCondition {

    enum Family { STRING, STRING_IC, STRING_LIKE, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL, UNKNOWN }

    enum Cmp { EQ, LT, LTE, GT, GTE }

    enum SetOp { NONE, ANY, ALL }

    final Condition source;
    final String operator;
    final String key;
    final Family family;
    final Cmp cmp;
    final boolean negated;
    final boolean ifExists;
    final SetOp set;
    final Template[] templates;
    /** Parsed policy values when no variable is involved (null entries: value unusable, matches nothing). */
    final Object[] constants;

    CompiledCondition(Condition c, boolean substitute) {
        this.source = c;
        this.operator = c.operator().value();
        this.key = c.key().value().toLowerCase(Locale.ROOT);
        String op = operator;
        SetOp s = SetOp.NONE;
        if (op.regionMatches(true, 0, "ForAnyValue:", 0, 12)) {
            s = SetOp.ANY;
            op = op.substring(12);
        } else if (op.regionMatches(true, 0, "ForAllValues:", 0, 13)) {
            s = SetOp.ALL;
            op = op.substring(13);
        }
        this.set = s;
        boolean ie = op.length() > 8 && op.regionMatches(true, op.length() - 8, "IfExists", 0, 8);
        if (ie) {
            op = op.substring(0, op.length() - 8);
        }
        this.ifExists = ie;
        Family f;
        Cmp cm = Cmp.EQ;
        boolean neg = false;
        switch (op.toLowerCase(Locale.ROOT)) {
            case "stringequals" -> f = Family.STRING;
            case "stringnotequals" -> { f = Family.STRING; neg = true; }
            case "stringequalsignorecase" -> f = Family.STRING_IC;
            case "stringnotequalsignorecase" -> { f = Family.STRING_IC; neg = true; }
            case "stringlike" -> f = Family.STRING_LIKE;
            case "stringnotlike" -> { f = Family.STRING_LIKE; neg = true; }
            case "numericequals" -> f = Family.NUMERIC;
            case "numericnotequals" -> { f = Family.NUMERIC; neg = true; }
            case "numericlessthan" -> { f = Family.NUMERIC; cm = Cmp.LT; }
            case "numericlessthanequals" -> { f = Family.NUMERIC; cm = Cmp.LTE; }
            case "numericgreaterthan" -> { f = Family.NUMERIC; cm = Cmp.GT; }
            case "numericgreaterthanequals" -> { f = Family.NUMERIC; cm = Cmp.GTE; }
            case "dateequals" -> f = Family.DATE;
            case "datenotequals" -> { f = Family.DATE; neg = true; }
            case "datelessthan" -> { f = Family.DATE; cm = Cmp.LT; }
            case "datelessthanequals" -> { f = Family.DATE; cm = Cmp.LTE; }
            case "dategreaterthan" -> { f = Family.DATE; cm = Cmp.GT; }
            case "dategreaterthanequals" -> { f = Family.DATE; cm = Cmp.GTE; }
            case "bool" -> f = Family.BOOL;
            case "binaryequals" -> f = Family.BINARY;
            case "ipaddress" -> f = Family.IP;
            case "notipaddress" -> { f = Family.IP; neg = true; }
            case "arnequals", "arnlike" -> f = Family.ARN;
            case "arnnotequals", "arnnotlike" -> { f = Family.ARN; neg = true; }
            case "null" -> f = Family.NULL;
            default -> f = Family.UNKNOWN;
        }
        this.family = f;
        this.cmp = cm;
        this.negated = neg;
        List<Template> ts = new ArrayList<>();
        for (var v : c.values()) {
            ts.add(Template.parse(v.value(), substitute));
        }
        this.templates = ts.toArray(new Template[0]);
        boolean vars = false;
        for (Template t : templates) {
            vars |= t.hasVariables();
        }
        if (vars) {
            this.constants = null;
        } else {
            Object[] k = new Object[templates.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = prepare(templates[i], key -> null);
            }
            this.constants = k;
        }
    }

    /** The policy value in the form its operator compares, or null when unusable or unresolved. */
    private Object prepare(Template t, java.util.function.Function<String, String> lookup) {
        switch (family) {
            case STRING_LIKE:
                return t.resolveGlob(lookup, Wildcards.Mode.PLAIN);
            case ARN:
                return t.resolveGlob(lookup, Wildcards.Mode.ARN);
            default:
                break;
        }
        String text = t.resolveText(lookup);
        if (text == null) {
            return null;
        }
        return switch (family) {
            case NUMERIC -> number(text);
            case DATE -> date(text);
            case IP -> Cidr.parse(text);
            case BINARY -> text.trim();
            case BOOL -> text.trim().toLowerCase(Locale.ROOT);
            // An unresolved value from infrastructure code ({?}) could be anything: it compares like a wildcard.
            case STRING -> text.contains("{?}") ? Glob.literalWithUnknowns(text, Wildcards.Mode.PLAIN) : text;
            case NULL -> text.trim().toLowerCase(Locale.ROOT);
            default -> text;
        };
    }

    /** A short description for traces: {@code StringEquals aws:username}. */
    public String label() {
        return operator + " " + source.key().value();
    }

    public boolean evaluate(RequestContext ctx, StringBuilder trace) {
        List<String> req = ctx.values(key);
        boolean absent = req == null || req.isEmpty();
        if (family == Family.NULL) {
            boolean r = false;
            for (Object v : constants()) {
                if (("true".equals(v) && absent) || ("false".equals(v) && !absent)) {
                    r = true;
                }
            }
            if (trace != null) {
                trace.append("key ").append(absent ? "absent" : "present " + req).append(" vs Null ")
                        .append(values()).append(" -> ").append(r);
            }
            return r;
        }
        Object[] pv = constants != null ? constants : resolveAll(ctx);
        boolean any = false;
        for (Object o : pv) {
            any |= o != null;
        }
        // Every value is a policy variable with no value in the request: "effectively null". No value equals or is
        // like null, so a positive operator does not match and a negated one does
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html, "Policy variables with
        // no value"). An unparsable constant value, by contrast, matches nothing.
        boolean nullValues = !any && constants == null;
        boolean result;
        if (family == Family.UNKNOWN || (!any && !nullValues)) {
            result = false;
        } else if (absent) {
            result = ifExists || set == SetOp.ALL || (set == SetOp.NONE && negated);
        } else {
            boolean all = true;
            boolean some = false;
            for (String v : req) {
                boolean pm = anyMatch(v, pv);
                boolean pred = negated != pm;
                all &= pred;
                some |= pred;
            }
            result = switch (set) {
                case ALL -> all;
                case ANY -> some;
                case NONE -> negated ? all : some;
            };
        }
        if (trace != null) {
            String why;
            if (family == Family.UNKNOWN) {
                why = "unknown operator '" + operator + "' never matches";
            } else if (!any && !nullValues) {
                why = "no usable policy value (unparsable value): matches nothing";
            } else if (nullValues && !absent) {
                why = "policy variable with no value (null): " + (negated ? "a negated operator matches"
                        : "nothing equals null");
            } else if (absent) {
                why = "key not in request" + (ifExists ? " (IfExists)" : set == SetOp.ALL ? " (ForAllValues)"
                        : set == SetOp.ANY ? " (ForAnyValue)" : negated ? " (negated operator)" : "");
            } else {
                why = "request " + quote(req);
            }
            trace.append(why).append(" vs policy ").append(policyValues(pv)).append(" -> ").append(result);
        }
        return result;
    }

    private Object[] constants() {
        return constants != null ? constants : new Object[0];
    }

    private Object[] resolveAll(RequestContext ctx) {
        Object[] out = new Object[templates.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = prepare(templates[i], ctx.lookup);
        }
        return out;
    }

    private String values() {
        List<String> out = new ArrayList<>();
        for (Template t : templates) {
            out.add(t.source());
        }
        return quote(out);
    }

    private String policyValues(Object[] pv) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < templates.length; i++) {
            String shown = pv[i] == null ? templates[i].source() + " (unresolved)"
                    : pv[i] instanceof Glob g ? g.render() : String.valueOf(pv[i]);
            if (templates[i].hasVariables() && pv[i] != null) {
                shown = templates[i].source() + " = " + shown;
            }
            out.add(shown);
        }
        return quote(out);
    }

    private static String quote(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(values.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }

    private boolean anyMatch(String v, Object[] pv) {
        switch (family) {
            case STRING -> {
                for (Object o : pv) {
                    if (o instanceof Glob g ? g.matches(v) : v.equals(o)) {
                        return true;
                    }
                }
            }
            case STRING_IC -> {
                for (Object o : pv) {
                    if (o != null && v.equalsIgnoreCase((String) o)) {
                        return true;
                    }
                }
            }
            case STRING_LIKE -> {
                for (Object o : pv) {
                    if (o != null && ((Glob) o).matches(v)) {
                        return true;
                    }
                }
            }
            case ARN -> {
                for (Object o : pv) {
                    if (o != null && ((Glob) o).matches(v)) {
                        return true;
                    }
                }
            }
            case NUMERIC -> {
                BigDecimal n = number(v);
                if (n == null) {
                    return false;
                }
                for (Object o : pv) {
                    if (o != null && compare(n.compareTo((BigDecimal) o))) {
                        return true;
                    }
                }
            }
            case DATE -> {
                Instant d = date(v);
                if (d == null) {
                    return false;
                }
                for (Object o : pv) {
                    if (o != null && compare(d.compareTo((Instant) o))) {
                        return true;
                    }
                }
            }
            case BOOL -> {
                String b = v.trim();
                for (Object o : pv) {
                    if (o != null && b.equalsIgnoreCase((String) o)) {
                        return true;
                    }
                }
            }
            case BINARY -> {
                for (Object o : pv) {
                    if (o != null && binaryEquals(v.trim(), (String) o)) {
                        return true;
                    }
                }
            }
            case IP -> {
                byte[] ip = Cidr.address(v.trim());
                if (ip == null) {
                    return false;
                }
                for (Object o : pv) {
                    if (o != null && ((Cidr) o).contains(ip)) {
                        return true;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return false;
    }

    private boolean compare(int c) {
        return switch (cmp) {
            case EQ -> c == 0;
            case LT -> c < 0;
            case LTE -> c <= 0;
            case GT -> c > 0;
            case GTE -> c >= 0;
        };
    }

    private static final java.util.regex.Pattern EPOCH = java.util.regex.Pattern.compile("-?\\d+");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");

    static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ISO 8601 (date, date-time with or without offset) or epoch seconds, as AWS accepts for Date operators. */
    static Instant date(String s) {
        String t = s.trim();
        if (EPOCH.matcher(t).matches()) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(t));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean binaryEquals(String a, String b) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(a), Base64.getDecoder().decode(b));
        } catch (IllegalArgumentException e) {
            return a.equals(b);
        }
    }

    /** An IPv4 or IPv6 CIDR block; a bare address is a block of one. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            byte[] addr = address(slash < 0 ? t : t.substring(0, slash));
            if (addr == null) {
                return null;
            }
            int bits = addr.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(t.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (prefix < 0 || prefix > bits) {
                    return null;
                }
            }
            return new Cidr(addr, prefix);
        }

        /** A literal address; never a host name (nothing here may touch the network). */
        static byte[] address(String s) {
            if (s.indexOf(':') < 0) {
                return ipv4(s);
            }
            if (!IPV6.matcher(s).matches()) {
                return null;
            }
            try {
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }

        /** Dotted-quad IPv4, parsed by hand: this runs for every aws:SourceIp comparison. */
        static byte[] ipv4(String s) {
            byte[] out = new byte[4];
            int part = 0;
            int value = -1;
            for (int i = 0; i <= s.length(); i++) {
                char c = i < s.length() ? s.charAt(i) : '.';
                if (c == '.') {
                    if (value < 0 || value > 255 || part > 3) {
                        return null;
                    }
                    out[part++] = (byte) value;
                    value = -1;
                } else if (c >= '0' && c <= '9') {
                    value = (value < 0 ? 0 : value * 10) + (c - '0');
                    if (value > 255) {
                        return null;
                    }
                } else {
                    return null;
                }
            }
            return part == 4 ? out : null;
        }

        boolean contains(byte[] ip) {
            if (ip.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (ip[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (ip[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                return "?/" + prefix;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(network) * 31 + prefix;
        }
    }
}
