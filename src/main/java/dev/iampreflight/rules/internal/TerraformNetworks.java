package dev.iampreflight.rules.internal;

import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iac.terraform.internal.Hcl;
import dev.iampreflight.iac.terraform.internal.HclParser;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.rules.ProjectFacts.Endpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda functions of one Terraform module (.tf files of a folder) that sit in private subnets with no route to
 * AWS's public endpoints, with the VPC endpoints declared beside them. Sound by construction: a function is listed
 * only when every subnet it names is an {@code aws_subnet} of the module, each has an explicit route table
 * association, and every route of those tables and every endpoint's service name is written out; anything computed
 * (a module's outputs, {@code for_each}, a variable) drops the function (or, for endpoints, the whole module).
 * Facts: https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html (a function in a VPC reaches
 * the internet only through a NAT gateway; its interfaces get no public IP), Terraform's aws provider documents
 * {@code vpc_endpoint_type} defaulting to Gateway and {@code private_dns_enabled} to false.
 */
final class TerraformNetworks {

    /** A function found in a private subnet: its address ({@code aws_lambda_function.x}) and VPC configuration. */
    record Candidate(String address, SourceLocation at, List<Endpoint> endpoints) {
    }

    private static final Pattern SERVICE = Pattern.compile("^com\\.amazonaws\\.[^.]+\\.(.+)$");
    private static final Set<String> ROUTE_TARGETS = Set.of("nat_gateway_id", "transit_gateway_id",
            "vpc_peering_connection_id", "network_interface_id", "instance_id", "vpc_endpoint_id",
            "carrier_gateway_id", "core_network_arn", "local_gateway_id");

    private enum Route { NONE, SOME, UNKNOWN }

    private final Path base;
    private final Map<String, Hcl.Block> resources = new LinkedHashMap<>();
    private final List<Hcl.Block> all = new ArrayList<>();
    private boolean moduleMayDeclareEndpoints;

    private TerraformNetworks(Path base) {
        this.base = base;
    }

    static List<Candidate> read(Path base, List<Path> files) {
        TerraformNetworks n = new TerraformNetworks(base);
        boolean any = false;
        for (Path f : files) {
            if (!f.getFileName().toString().endsWith(".tf")) {
                continue;
            }
            String text;
            try {
                text = InputFiles.readUtf8(f, ApiDefinitions.MAX_BYTES);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            any |= text.contains("vpc_config");
            try {
                for (Hcl.Block b : HclParser.parse(text, DisplayPaths.rel(base, f)).blocks()) {
                    n.add(b);
                }
            } catch (HclParser.SyntaxError e) {
                return List.of();
            }
        }
        return any ? n.candidates() : List.of();
    }

    private void add(Hcl.Block b) {
        if (b.type().equals("resource") && b.labels().size() == 2) {
            resources.put(b.labels().get(0) + "." + b.labels().get(1), b);
            all.add(b);
        } else if (b.type().equals("module")) {
            String source = b.body().attribute("source").map(a -> a.value() instanceof Hcl.Template t
                    ? t.literal().orElse("") : "").orElse("").toLowerCase(Locale.ROOT);
            moduleMayDeclareEndpoints |= source.isEmpty() || source.contains("vpc") || source.contains("endpoint")
                    || source.contains("network");
        }
    }

    private List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        Optional<List<Hcl.Block>> endpoints = moduleMayDeclareEndpoints ? Optional.empty() : endpointBlocks();
        if (endpoints.isEmpty()) {
            return out;
        }
        for (Hcl.Block b : all) {
            if (!b.labels().get(0).equals("aws_lambda_function")) {
                continue;
            }
            List<Hcl.Block> vpc = b.body().blocks("vpc_config");
            if (vpc.size() != 1) {
                continue;
            }
            Hcl.Body cfg = vpc.get(0).body();
            Optional<List<String>> subnets = cfg.attribute("subnet_ids").flatMap(a -> addresses(a.value()));
            Optional<List<String>> groups = cfg.attribute("security_group_ids").flatMap(a -> addresses(a.value()));
            if (subnets.isEmpty() || subnets.get().isEmpty() || route(subnets.get()) != Route.NONE) {
                continue;
            }
            List<Endpoint> eps = new ArrayList<>();
            for (Hcl.Block e : endpoints.get()) {
                eps.add(endpoint(e, groups));
            }
            out.add(new Candidate("aws_lambda_function." + b.labels().get(1), vpc.get(0).location(), eps));
        }
        return out;
    }

    /** Every aws_vpc_endpoint, or empty when one's service is not written out. */
    private Optional<List<Hcl.Block>> endpointBlocks() {
        List<Hcl.Block> out = new ArrayList<>();
        for (Hcl.Block b : all) {
            if (b.labels().get(0).equals("aws_vpc_endpoint")) {
                if (service(b).isEmpty() || b.body().attribute("for_each").isPresent()
                        || b.body().attribute("count").isPresent()) {
                    return Optional.empty();
                }
                out.add(b);
            }
        }
        return Optional.of(out);
    }

    private static Optional<String> service(Hcl.Block endpoint) {
        Optional<Hcl.Attribute> a = endpoint.body().attribute("service_name");
        if (a.isEmpty() || !(a.get().value() instanceof Hcl.Template t)) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder();
        for (Object p : t.parts()) {
            s.append(p instanceof String str ? str : "{?}");
        }
        Matcher m = SERVICE.matcher(s.toString());
        return m.matches() && !m.group(1).contains("{?}") ? Optional.of(m.group(1)) : Optional.empty();
    }

    private Endpoint endpoint(Hcl.Block e, Optional<List<String>> appGroups) {
        String service = service(e).orElseThrow();
        String type = literal(e.body(), "vpc_endpoint_type").orElse("Gateway");
        boolean gateway = type.equalsIgnoreCase("Gateway");
        Optional<Boolean> dns = e.body().attribute("private_dns_enabled").isEmpty() ? Optional.of(false)
                : literal(e.body(), "private_dns_enabled").map(v -> v.equals("true"));
        Optional<Boolean> admits = gateway || appGroups.isEmpty() ? Optional.empty()
                : e.body().attribute("security_group_ids").flatMap(a -> addresses(a.value()))
                .flatMap(sgs -> admits443(sgs, appGroups.get()));
        return new Endpoint(service, gateway, e.location(), dns, admits);
    }

    /** Whether some of {@code groups} admits TCP 443 from {@code from}; empty when a rule cannot be read. */
    private Optional<Boolean> admits443(List<String> groups, List<String> from) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        for (String g : groups) {
            Hcl.Block sg = resources.get(g);
            if (sg == null || !g.startsWith("aws_security_group.")
                    || !sg.body().blocks("dynamic").isEmpty() || sg.body().attribute("ingress").isPresent()) {
                return Optional.empty();
            }
            for (Hcl.Block in : sg.body().blocks("ingress")) {
                if (rule(in.body(), "protocol", List.of("cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids"),
                        "security_groups", from, g)) {
                    return Optional.of(true);
                }
            }
            for (Hcl.Block b : all) {
                String kind = b.labels().get(0);
                boolean ingressRule = kind.equals("aws_security_group_rule")
                        && literal(b.body(), "type").map(t -> t.equals("ingress")).orElse(true);
                boolean vpcRule = kind.equals("aws_vpc_security_group_ingress_rule");
                if (!ingressRule && !vpcRule) {
                    continue;
                }
                Optional<List<String>> target = b.body().attribute("security_group_id")
                        .flatMap(a -> addresses(a.value()));
                if (target.isEmpty()) {
                    return Optional.empty();
                }
                if (!target.get().contains(g)) {
                    continue;
                }
                boolean ok = ingressRule
                        ? rule(b.body(), "protocol", List.of("cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids"),
                        "source_security_group_id", from, g)
                        : rule(b.body(), "ip_protocol", List.of("cidr_ipv4", "cidr_ipv6", "prefix_list_id"),
                        "referenced_security_group_id", from, g);
                if (ok) {
                    return Optional.of(true);
                }
            }
        }
        return Optional.of(false);
    }

    /** An ingress rule admits TCP 443 from {@code from}: what is not written out counts as admitting. */
    private boolean rule(Hcl.Body r, String protocolKey, List<String> cidrKeys, String groupKey, List<String> from,
                         String self) {
        Optional<String> protocol = r.attribute(protocolKey).isEmpty() ? Optional.of("tcp")
                : literal(r, protocolKey);
        if (protocol.isPresent() && !Set.of("tcp", "6", "-1", "all").contains(protocol.get().toLowerCase(
                Locale.ROOT))) {
            return false;
        }
        boolean allTraffic = protocol.map(p -> p.equals("-1") || p.equalsIgnoreCase("all")).orElse(true);
        if (!allTraffic) {
            Optional<Integer> lo = number(r, "from_port");
            Optional<Integer> hi = number(r, "to_port");
            if (lo.isPresent() && hi.isPresent() && (lo.get() > 443 || hi.get() < 443)) {
                return false;
            }
        }
        for (String k : cidrKeys) {
            if (r.attribute(k).isPresent()) {
                return true;
            }
        }
        if (literal(r, "self").map(v -> v.equals("true")).orElse(false) && from.contains(self)) {
            return true;
        }
        Optional<Hcl.Attribute> groups = r.attribute(groupKey);
        if (groups.isEmpty()) {
            return false;
        }
        Optional<List<String>> sources = addresses(groups.get().value());
        return sources.isEmpty() || sources.get().stream().anyMatch(from::contains);
    }

    /** The route to public endpoints of a function in {@code subnets}. */
    private Route route(List<String> subnets) {
        Route result = Route.NONE;
        for (String s : subnets) {
            if (!s.startsWith("aws_subnet.") || !resources.containsKey(s)) {
                return Route.UNKNOWN;
            }
            List<String> tables = new ArrayList<>();
            for (Hcl.Block b : all) {
                if (b.labels().get(0).equals("aws_route_table_association")) {
                    Optional<List<String>> subnet = b.body().attribute("subnet_id").flatMap(a -> addresses(a.value()));
                    if (subnet.isEmpty()) {
                        return Route.UNKNOWN;
                    }
                    if (subnet.get().contains(s)) {
                        Optional<List<String>> rt = b.body().attribute("route_table_id")
                                .flatMap(a -> addresses(a.value()));
                        if (rt.isEmpty()) {
                            return Route.UNKNOWN;
                        }
                        tables.addAll(rt.get());
                    }
                }
            }
            if (tables.isEmpty()) {
                return Route.UNKNOWN;
            }
            for (String t : tables) {
                Route r = tableRoute(t);
                if (r != Route.NONE) {
                    return r;
                }
            }
        }
        return result;
    }

    private Route tableRoute(String table) {
        Hcl.Block rt = resources.get(table);
        if (rt == null || !table.startsWith("aws_route_table.") || rt.body().attribute("route").isPresent()
                || !rt.body().blocks("dynamic").isEmpty()) {
            return Route.UNKNOWN;
        }
        List<Hcl.Body> routes = new ArrayList<>();
        rt.body().blocks("route").forEach(b -> routes.add(b.body()));
        for (Hcl.Block b : all) {
            if (b.labels().get(0).equals("aws_route")) {
                Optional<List<String>> owner = b.body().attribute("route_table_id").flatMap(a -> addresses(a.value()));
                if (owner.isEmpty()) {
                    return Route.UNKNOWN;
                }
                if (owner.get().contains(table)) {
                    routes.add(b.body());
                }
            }
        }
        for (Hcl.Body r : routes) {
            Optional<Hcl.Attribute> cidr = r.attribute("cidr_block").or(() -> r.attribute("destination_cidr_block"));
            if (cidr.isEmpty()) {
                if (r.attribute("ipv6_cidr_block").isPresent() || r.attribute("destination_ipv6_cidr_block")
                        .isPresent()) {
                    continue;
                }
                return Route.UNKNOWN;
            }
            Optional<String> c = literal(cidr.get());
            if (c.isEmpty()) {
                return Route.UNKNOWN;
            }
            if (!c.get().equals("0.0.0.0/0")) {
                continue;
            }
            for (String k : ROUTE_TARGETS) {
                if (r.attribute(k).isPresent()) {
                    return Route.SOME;
                }
            }
            Optional<Hcl.Attribute> gw = r.attribute("gateway_id");
            if (gw.isPresent()) {
                Optional<List<String>> to = addresses(gw.get().value());
                boolean igw = to.map(l -> !l.isEmpty() && l.stream().allMatch(x -> x.startsWith(
                        "aws_internet_gateway."))).orElse(false) || literal(gw.get()).map(v -> v.startsWith("igw-"))
                        .orElse(false);
                if (!igw) {
                    return Route.SOME;
                }
            } else {
                return Route.UNKNOWN;
            }
        }
        return Route.NONE;
    }

    private static Optional<String> literal(Hcl.Body b, String name) {
        return b.attribute(name).flatMap(TerraformNetworks::literal);
    }

    private static Optional<String> literal(Hcl.Attribute a) {
        if (a.value() instanceof Hcl.Template t) {
            return t.literal();
        }
        if (a.value() instanceof Hcl.Literal l) {
            return Optional.of(l.value());
        }
        return Optional.empty();
    }

    private static Optional<Integer> number(Hcl.Body b, String name) {
        try {
            return literal(b, name).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The resource addresses an expression lists ({@code aws_subnet.a.id}, {@code [aws_subnet.a.id, ...]},
     * {@code aws_subnet.a[*].id}, {@code concat(...)}); empty when some element is anything else.
     */
    static Optional<List<String>> addresses(Hcl.Expr e) {
        List<String> out = new ArrayList<>();
        return collect(e, out, 0) ? Optional.of(out) : Optional.empty();
    }

    private static boolean collect(Hcl.Expr e, List<String> out, int depth) {
        if (depth > 16) {
            return false;
        }
        if (e instanceof Hcl.Tuple t) {
            for (Hcl.Expr x : t.items()) {
                if (!collect(x, out, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof Hcl.Call c && (c.name().equals("concat") || c.name().equals("flatten")
                || c.name().equals("tolist") || c.name().equals("toset"))) {
            for (Hcl.Expr x : c.args()) {
                if (!collect(x, out, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof Hcl.Template t && t.parts().size() == 1 && t.parts().get(0) instanceof Hcl.Expr x) {
            return collect(x, out, depth + 1);
        }
        if (e instanceof Hcl.GetAttr g) {
            Hcl.Expr target = g.target();
            if (target instanceof Hcl.Splat s) {
                target = s.target();
            } else if (target instanceof Hcl.Index i) {
                target = i.target();
            }
            if (target instanceof Hcl.GetAttr name && name.target() instanceof Hcl.Variable type
                    && type.name().startsWith("aws_")) {
                out.add(type.name() + "." + name.name());
                return true;
            }
        }
        return false;
    }
}
