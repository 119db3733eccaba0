package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.iac.terraform.internal.Hcl.Expr;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.core.SymbolicValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Terraform built-in functions that shape policies, names and ARNs
 * (https://developer.hashicorp.com/terraform/language/functions). Functions whose result depends on apply time or
 * hashing return unknown; a function not listed here is reported once and its result is unknown.
 */
final class Functions {

    /** Functions whose value cannot be known before apply, or is irrelevant to permissions: unknown, no warning. */
    private static final Set<String> OPAQUE = Set.of("timestamp", "uuid", "uuidv5", "bcrypt", "md5", "sha1", "sha256",
            "sha512", "base64sha256", "base64sha512", "filemd5", "filesha1", "filesha256", "filesha512",
            "filebase64", "filebase64sha256", "filebase64sha512", "base64encode", "base64decode", "base64gzip",
            "cidrsubnet", "cidrhost", "cidrnetmask", "cidrsubnets", "timeadd", "formatdate", "plantimestamp",
            "rsadecrypt", "sensitive", "nonsensitive", "urlencode", "textencodebase64", "textdecodebase64",
            "yamlencode", "yamldecode", "csvdecode", "templatestring", "ephemeralasnull", "issensitive");

    private Functions() {
    }

    static Node call(Instance in, Hcl.Call c, Map<String, Node> scope) {
        SourceLocation at = c.location();
        String name = c.name();
        if (name.equals("try")) {
            for (Expr e : c.args()) {
                Node v = in.eval(e, scope);
                if (!Values.isUnknown(v)) {
                    return v;
                }
            }
            return Values.unknown(at);
        }
        if (name.equals("can")) {
            return Values.bool(true, at);
        }
        List<Node> args = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Node v = in.eval(c.args().get(i), scope);
            if (c.expandFinal() && i == c.args().size() - 1) {
                args.addAll(Values.items(v));
            } else {
                args.add(v);
            }
        }
        if (OPAQUE.contains(name)) {
            return Values.unknown(at);
        }
        // A resource or module with count is read as one instance standing for each, so its splat
        // (one(module.x[*].out)) is that instance's value rather than a list.
        if (name.equals("one") && args.size() == 1 && c.args().get(0) instanceof Hcl.GetAttr g
                && g.target() instanceof Hcl.Splat && args.get(0) instanceof ScalarNode sc && !Values.isUnknown(sc)) {
            return sc;
        }
        if (name.startsWith("provider::")) {
            return providerFunction(in, name, args, at);
        }
        try {
            return apply(in, name, args, at);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return Values.unknown(at);
        }
    }

    /**
     * Provider-defined functions ({@code provider::NAME::FUNCTION}): the AWS provider's ARN helpers
     * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/functions/arn_build, arn_parse,
     * trim_iam_role_path). Any other provider's function, or one of these given arguments it does not take, is
     * unknown and reported (IAM0121) at the call, so a policy built from it never passes silently.
     */
    private static Node providerFunction(Instance in, String name, List<Node> a, SourceLocation at) {
        if (anyUnknown(a)) {
            return Values.unknown(at);
        }
        switch (name) {
            case "provider::aws::arn_build":
                if (a.size() == 5) {
                    return Values.string("arn:" + String.join(":", a.stream().map(Functions::s).toList()), at);
                }
                break;
            case "provider::aws::arn_parse": {
                String[] p = a.isEmpty() ? new String[0] : s(a.get(0)).split(":", 6);
                if (p.length == 6 && p[0].equals("arn")) {
                    String[] keys = {"partition", "service", "region", "account_id", "resource"};
                    List<ObjectNode.Field> fields = new ArrayList<>();
                    for (int i = 0; i < keys.length; i++) {
                        fields.add(new ObjectNode.Field(keys[i], at, Values.string(p[i + 1], at)));
                    }
                    return ObjectNode.of(fields, at);
                }
                break;
            }
            case "provider::aws::trim_iam_role_path": {
                // arn:aws:iam::123456789012:role/path/to/name -> arn:aws:iam::123456789012:role/name
                String arn = a.isEmpty() ? "" : s(a.get(0));
                int role = arn.indexOf(":role/");
                if (role > 0) {
                    return Values.string(arn.substring(0, role + 6) + arn.substring(arn.lastIndexOf('/') + 1), at);
                }
                break;
            }
            default:
                in.context().report(new Finding(InfraRules.TF_UNSUPPORTED, Severity.WARNING, "provider function '"
                        + name + "' is not evaluated offline; its result is treated as unknown ({?})", at));
                return Values.unknown(at);
        }
        in.context().report(new Finding(InfraRules.TF_UNSUPPORTED, Severity.WARNING, "provider function '" + name
                + "' is called with arguments it does not take (" + a.size() + " given); its result is treated as "
                + "unknown ({?})", at));
        return Values.unknown(at);
    }

    private static String s(Node n) {
        return Values.text(n);
    }

    private static boolean anyUnknown(List<Node> args) {
        return args.stream().anyMatch(Values::isUnknown);
    }

    private static Node apply(Instance in, String name, List<Node> a, SourceLocation at) {
        switch (name) {
            case "jsonencode": {
                Node v = a.get(0);
                if (v instanceof ScalarNode sc && !Values.isUnknown(sc)) {
                    return Values.string(Values.json(sc), at);
                }
                return Values.isUnknown(v) ? v : Values.withTag(v, Values.JSON_TAG);
            }
            case "jsondecode": {
                Node v = a.get(0);
                if (Values.isJson(v)) {
                    return Values.withTag(v, null);
                }
                if (v instanceof ScalarNode sc && !Values.isUnknown(sc)) {
                    return in.parseJson(sc.text(), sc.location().file(), sc.location().line(), at);
                }
                return Values.unknown(at);
            }
            case "file": {
                String path = s(a.get(0));
                if (path.contains(SymbolicValue.UNKNOWN)) {
                    return Values.unknown(at);
                }
                return in.readFile(path, at).map(text -> Values.string(text,
                        new SourceLocation(in.displayName(path), 1, 1))).orElse(Values.unknown(at));
            }
            case "templatefile": {
                String path = s(a.get(0));
                if (path.contains(SymbolicValue.UNKNOWN)) {
                    return Values.unknown(at);
                }
                Optional<String> text = in.readFile(path, at);
                if (text.isEmpty()) {
                    return Values.unknown(at);
                }
                return render(in, text.get(), new SourceLocation(in.displayName(path), 1, 1),
                        a.size() > 1 ? a.get(1) : null, "template '" + path + "'", at);
            }
            case "format": {
                if (anyUnknown(a.subList(0, 1))) {
                    return Values.unknown(at);
                }
                String fmt = s(a.get(0));
                StringBuilder b = new StringBuilder();
                int arg = 1;
                for (int i = 0; i < fmt.length(); i++) {
                    char ch = fmt.charAt(i);
                    if (ch == '%' && i + 1 < fmt.length()) {
                        char v = fmt.charAt(++i);
                        if (v == '%') {
                            b.append('%');
                        } else {
                            while (i < fmt.length() && "#+- 0123456789.".indexOf(fmt.charAt(i)) >= 0) {
                                i++;
                            }
                            b.append(arg < a.size() ? s(a.get(arg++)) : SymbolicValue.UNKNOWN);
                        }
                    } else {
                        b.append(ch);
                    }
                }
                return Values.string(b.toString(), at);
            }
            case "join": {
                List<String> parts = new ArrayList<>();
                for (int i = 1; i < a.size(); i++) {
                    if (Values.isUnknown(a.get(i))) {
                        return Values.unknown(at);
                    }
                    Values.items(a.get(i)).forEach(x -> parts.add(s(x)));
                }
                return Values.string(String.join(s(a.get(0)), parts), at);
            }
            case "split": {
                if (anyUnknown(a)) {
                    return Values.unknown(at);
                }
                List<Node> out = new ArrayList<>();
                for (String p : s(a.get(1)).split(java.util.regex.Pattern.quote(s(a.get(0))), -1)) {
                    out.add(Values.string(p, at));
                }
                return ArrayNode.of(out, at);
            }
            case "concat":
            case "flatten": {
                List<Node> out = new ArrayList<>();
                for (Node x : a) {
                    if (Values.isUnknown(x)) {
                        return Values.unknown(at);
                    }
                    for (Node item : Values.items(x)) {
                        if (name.equals("flatten") && item instanceof ArrayNode inner) {
                            out.addAll(inner.items());
                        } else {
                            out.add(item);
                        }
                    }
                }
                return ArrayNode.of(out, at);
            }
            case "merge": {
                Map<String, ObjectNode.Field> out = new LinkedHashMap<>();
                for (Node x : a) {
                    if (x instanceof ObjectNode o) {
                        o.fields().forEach(f -> out.put(f.key(), f));
                    } else if (Values.isUnknown(x)) {
                        return Values.unknown(at);
                    }
                }
                return ObjectNode.of(new ArrayList<>(out.values()), at);
            }
            case "lookup": {
                if (a.get(0) instanceof ObjectNode o) {
                    Optional<Node> v = o.get(s(a.get(1)));
                    if (v.isPresent()) {
                        return v.get();
                    }
                }
                return a.size() > 2 ? a.get(2) : Values.unknown(at);
            }
            case "element": {
                if (a.get(0) instanceof ArrayNode l && !l.items().isEmpty() && !Values.isUnknown(a.get(1))) {
                    return l.items().get(Integer.parseInt(s(a.get(1))) % l.items().size());
                }
                return Values.unknown(at);
            }
            case "one":
                if (a.get(0) instanceof ArrayNode l && l.items().size() == 1) {
                    return l.items().get(0);
                }
                return Values.unknown(at);
            case "range": {
                // range(limit), range(start, limit), range(start, limit, step), integers only here
                // (https://developer.hashicorp.com/terraform/language/functions/range); a long or unknown range is
                // unknown.
                if (a.isEmpty() || a.size() > 3 || a.stream().anyMatch(x -> !s(x).matches("-?\\d{1,6}"))) {
                    return Values.unknown(at);
                }
                long start = a.size() == 1 ? 0 : Long.parseLong(s(a.get(0)));
                long limit = Long.parseLong(s(a.get(a.size() == 1 ? 0 : 1)));
                long step = a.size() == 3 ? Long.parseLong(s(a.get(2))) : (limit >= start ? 1 : -1);
                if (step == 0 || Math.abs((limit - start) / step) > 1024) {
                    return Values.unknown(at);
                }
                List<Node> out = new ArrayList<>();
                for (long i = start; step > 0 ? i < limit : i > limit; i += step) {
                    out.add(Values.number(String.valueOf(i), at));
                }
                return ArrayNode.of(out, at);
            }
            case "length": {
                Node x = a.get(0);
                if (x instanceof ArrayNode l) {
                    return Values.number(String.valueOf(l.items().size()), at);
                }
                if (x instanceof ObjectNode o) {
                    return Values.number(String.valueOf(o.fields().size()), at);
                }
                return Values.isUnknown(x) ? x : Values.number(String.valueOf(s(x).length()), at);
            }
            case "keys":
            case "values": {
                if (a.get(0) instanceof ObjectNode o) {
                    List<Node> out = new ArrayList<>();
                    o.fields().forEach(f -> out.add(name.equals("keys") ? Values.string(f.key(), f.keyLocation())
                            : f.value()));
                    return ArrayNode.of(out, at);
                }
                return Values.unknown(at);
            }
            case "contains": {
                if (a.get(0) instanceof ArrayNode l && !Values.isUnknown(a.get(1))) {
                    return Values.bool(l.items().stream().anyMatch(x -> Values.json(x).equals(Values.json(a.get(1)))),
                            at);
                }
                return Values.unknown(at);
            }
            case "setsubtract":
            case "setunion":
            case "setintersection": {
                if (anyUnknown(a) || a.stream().anyMatch(x -> !(x instanceof ArrayNode))) {
                    return Values.unknown(at);
                }
                // Sets compare by value; the result keeps the first list's order, then the others' new items.
                java.util.LinkedHashMap<String, Node> out = new java.util.LinkedHashMap<>();
                ((ArrayNode) a.get(0)).items().forEach(x -> out.putIfAbsent(Values.json(x), x));
                for (Node other : a.subList(1, a.size())) {
                    Map<String, Node> these = new LinkedHashMap<>();
                    ((ArrayNode) other).items().forEach(x -> these.putIfAbsent(Values.json(x), x));
                    switch (name) {
                        case "setsubtract" -> out.keySet().removeAll(these.keySet());
                        case "setintersection" -> out.keySet().retainAll(these.keySet());
                        default -> these.forEach(out::putIfAbsent);
                    }
                }
                return ArrayNode.of(new ArrayList<>(out.values()), at);
            }
            case "fileset": {
                if (anyUnknown(a) || s(a.get(0)).contains(SymbolicValue.UNKNOWN)
                        || s(a.get(1)).contains(SymbolicValue.UNKNOWN)) {
                    return Values.unknown(at);
                }
                return in.fileset(s(a.get(0)), s(a.get(1)), at);
            }
            case "distinct":
            case "toset":
            case "compact":
            case "sort":
            case "reverse": {
                if (!(a.get(0) instanceof ArrayNode l)) {
                    return a.get(0);
                }
                List<Node> out = new ArrayList<>(l.items());
                if (name.equals("compact")) {
                    out.removeIf(x -> x instanceof ScalarNode sc && (sc.isNull() || sc.text().isEmpty()));
                } else if (!name.equals("sort") && !name.equals("reverse")) {
                    Set<String> seen = new LinkedHashSet<>();
                    out.removeIf(x -> !seen.add(Values.json(x)));
                } else if (name.equals("reverse")) {
                    java.util.Collections.reverse(out);
                }
                return ArrayNode.of(out, at);
            }
            case "coalesce": {
                for (Node x : a) {
                    if (Values.isUnknown(x)) {
                        return x;
                    }
                    if (!(x instanceof ScalarNode sc && (sc.isNull() || sc.text().isEmpty()))) {
                        return x;
                    }
                }
                return Values.unknown(at);
            }
            case "coalescelist": {
                for (Node x : a) {
                    if (x instanceof ArrayNode l && !l.items().isEmpty()) {
                        return x;
                    }
                }
                return ArrayNode.of(List.of(), at);
            }
            case "tolist":
            case "tomap":
            case "tostring":
            case "tonumber":
            case "tobool":
            case "abspath":
            case "pathexpand":
                return a.get(0);
            case "lower":
            case "upper":
            case "trimspace":
            case "chomp":
            case "title":
            case "basename":
            case "dirname": {
                Node x = a.get(0);
                if (Values.isUnknown(x)) {
                    return x;
                }
                String v = s(x);
                String r = switch (name) {
                    case "lower" -> v.toLowerCase(Locale.ROOT);
                    case "upper" -> v.toUpperCase(Locale.ROOT);
                    case "trimspace" -> v.strip();
                    case "chomp" -> v.replaceAll("[\r\n]+$", "");
                    case "title" -> v.isEmpty() ? v : Character.toUpperCase(v.charAt(0)) + v.substring(1);
                    case "basename" -> v.substring(v.lastIndexOf('/') + 1);
                    default -> v.contains("/") ? v.substring(0, v.lastIndexOf('/')) : ".";
                };
                return Values.string(r, at);
            }
            case "replace": {
                if (anyUnknown(a)) {
                    return Values.unknown(at);
                }
                String v = s(a.get(0));
                String sub = s(a.get(1));
                String rep = s(a.get(2));
                if (sub.length() > 1 && sub.startsWith("/") && sub.endsWith("/")) {
                    return Values.string(v.replaceAll(sub.substring(1, sub.length() - 1),
                            rep.replaceAll("\\$\\{?(\\d+)}?", "\\$$1")), at);
                }
                return Values.string(v.replace(sub, rep), at);
            }
            case "trimprefix":
            case "trimsuffix":
            case "startswith":
            case "endswith": {
                if (anyUnknown(a)) {
                    return Values.unknown(at);
                }
                String v = s(a.get(0));
                String p = s(a.get(1));
                return switch (name) {
                    case "trimprefix" -> Values.string(v.startsWith(p) ? v.substring(p.length()) : v, at);
                    case "trimsuffix" -> Values.string(v.endsWith(p) ? v.substring(0, v.length() - p.length()) : v,
                            at);
                    case "startswith" -> Values.bool(v.startsWith(p), at);
                    default -> Values.bool(v.endsWith(p), at);
                };
            }
            case "substr": {
                if (anyUnknown(a)) {
                    return Values.unknown(at);
                }
                String v = s(a.get(0));
                int off = Integer.parseInt(s(a.get(1)));
                int len = Integer.parseInt(s(a.get(2)));
                int end = len < 0 ? v.length() : Math.min(v.length(), off + len);
                return Values.string(v.substring(Math.min(off, v.length()), end), at);
            }
            default:
                in.context().report(new Finding(InfraRules.TF_UNSUPPORTED, Severity.WARNING, "function '" + name
                        + "' is not evaluated; its result is treated as unknown", at));
                return Values.unknown(at);
        }
    }

    /**
     * Renders template text as {@code templatefile()} does, with {@code vars} (an object, or null for none) as its
     * names; {@code start} is where the text was written, so locations inside it point there.
     */
    static Node render(Instance in, String text, SourceLocation start, Node vars, String what, SourceLocation at) {
        try {
            Hcl.Template t = HclParser.parseTemplate(text, start.file(), start);
            Map<String, Node> scope = new LinkedHashMap<>();
            if (vars instanceof ObjectNode o) {
                o.fields().forEach(f -> scope.put(f.key(), f.value()));
            }
            Node v = in.eval(t, scope);
            return v instanceof ScalarNode sc ? Values.string(sc.text(), start) : v;
        } catch (HclParser.SyntaxError e) {
            in.context().report(new Finding(dev.iampreflight.core.ReservedRules.UNPARSABLE, Severity.WARNING,
                    what + " is not a valid template: " + e.getMessage(), e.location()));
            return Values.unknown(at);
        }
    }

}
