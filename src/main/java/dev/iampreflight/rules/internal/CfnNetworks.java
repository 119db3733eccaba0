package dev.iampreflight.rules.internal;

import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.cloudformation.CloudFormationReader;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.Nodes;
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
 * The CloudFormation/SAM counterpart of {@link TerraformNetworks}: Lambda functions of one template whose
 * {@code VpcConfig} subnets are {@code AWS::EC2::Subnet}s of the template, each associated with a route table of the
 * template whose routes are all written out and none a default route to anything but an internet gateway, with the
 * template's {@code AWS::EC2::VPCEndpoint}s. References are {@code Ref} and {@code Fn::GetAtt} of logical ids;
 * anything else (a parameter, an import, {@code Globals}) drops the function. CloudFormation's
 * {@code VpcEndpointType} defaults to Gateway and {@code PrivateDnsEnabled} to false
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpcendpoint.html).
 */
final class CfnNetworks {

    /** A function in a private subnet: its possible target names, VPC configuration and the template's endpoints. */
    record Candidate(List<String> names, SourceLocation at, List<Endpoint> endpoints) {
    }

    private static final Pattern SERVICE = Pattern.compile("^com\\.amazonaws\\.[^.]+\\.(.+)$");
    private static final Set<String> ROUTE_TARGETS = Set.of("NatGatewayId", "TransitGatewayId",
            "VpcPeeringConnectionId", "NetworkInterfaceId", "InstanceId", "VpcEndpointId", "CarrierGatewayId",
            "CoreNetworkArn", "LocalGatewayId");

    private final Map<String, ObjectNode> resources = new LinkedHashMap<>();

    private CfnNetworks() {
    }

    static List<Candidate> read(Path base, Path file) {
        String text;
        try {
            text = InputFiles.readUtf8(file, ApiDefinitions.MAX_BYTES);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        if (!text.contains("VpcConfig")) {
            return List.of();
        }
        Optional<Node> root = TreeReader.parse(text, DisplayPaths.rel(base, file), CloudFormationReader.formatOf(text))
                .root();
        if (root.isEmpty() || !CloudFormationReader.isTemplate(root.get()) || !(root.get() instanceof ObjectNode t)
                || Nodes.childObject(t, "Globals").flatMap(g -> Nodes.childObject(g, "Function"))
                .map(f -> f.field("VpcConfig").isPresent()).orElse(false)) {
            return List.of();
        }
        CfnNetworks n = new CfnNetworks();
        Nodes.childObject(t, "Resources").ifPresent(rs -> rs.fields().forEach(f -> Nodes.object(f.value())
                .ifPresent(o -> n.resources.put(f.key(), o))));
        return n.candidates(t);
    }

    private String type(String id) {
        return Optional.ofNullable(resources.get(id)).flatMap(r -> Nodes.string(r, "Type")).orElse("");
    }

    private static Optional<ObjectNode> props(ObjectNode r) {
        return Nodes.childObject(r, "Properties");
    }

    private List<Candidate> candidates(ObjectNode template) {
        List<Candidate> out = new ArrayList<>();
        List<Endpoint> endpoints = new ArrayList<>();
        List<Map.Entry<String, ObjectNode>> endpointResources = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            if (type(e.getKey()).equals("AWS::EC2::VPCEndpoint")) {
                if (e.getValue().field("Condition").isPresent() || service(e.getValue()).isEmpty()) {
                    return out;
                }
                endpointResources.add(e);
            }
        }
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            String type = type(e.getKey());
            if (!type.equals("AWS::Lambda::Function") && !type.equals("AWS::Serverless::Function")) {
                continue;
            }
            Optional<ObjectNode.Field> vpc = props(e.getValue()).flatMap(p -> p.field("VpcConfig"));
            if (vpc.isEmpty() || !(vpc.get().value() instanceof ObjectNode cfg)) {
                continue;
            }
            Optional<List<String>> subnets = cfg.get("SubnetIds").flatMap(this::refs);
            Optional<List<String>> groups = cfg.get("SecurityGroupIds").flatMap(this::refs);
            if (subnets.isEmpty() || subnets.get().isEmpty() || !noRoute(subnets.get())) {
                continue;
            }
            endpoints.clear();
            for (Map.Entry<String, ObjectNode> ep : endpointResources) {
                endpoints.add(endpoint(ep.getKey(), ep.getValue(), groups));
            }
            out.add(new Candidate(List.of("sam:" + e.getKey(), "cfn:" + e.getKey()), vpc.get().keyLocation(),
                    List.copyOf(endpoints)));
        }
        return out;
    }

    private Optional<String> service(ObjectNode endpoint) {
        Optional<Node> name = props(endpoint).flatMap(p -> p.get("ServiceName"));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String text;
        if (name.get() instanceof ScalarNode s && s.tag().isEmpty()) {
            text = s.text();
        } else if (name.get() instanceof ScalarNode s && s.tag().equals(Optional.of("!Sub"))) {
            text = s.text().replaceAll("\\$\\{AWS::Region}", "{?}");
        } else if (name.get() instanceof ObjectNode o && o.fields().size() == 1 && o.field("Fn::Sub").isPresent()) {
            text = o.get("Fn::Sub").flatMap(Nodes::text).orElse("").replaceAll("\\$\\{AWS::Region}", "{?}");
        } else {
            return Optional.empty();
        }
        Matcher m = SERVICE.matcher(text);
        return m.matches() && !m.group(1).contains("$") && !m.group(1).contains("{?}") ? Optional.of(m.group(1))
                : Optional.empty();
    }

    private Endpoint endpoint(String id, ObjectNode r, Optional<List<String>> appGroups) {
        ObjectNode p = props(r).orElseThrow();
        String type = Nodes.string(p, "VpcEndpointType").orElse("Gateway");
        boolean gateway = type.equalsIgnoreCase("Gateway");
        Optional<Boolean> dns = p.get("PrivateDnsEnabled").isEmpty() ? Optional.of(false)
                : Nodes.string(p, "PrivateDnsEnabled").map(v -> v.equalsIgnoreCase("true"));
        Optional<Boolean> admits = gateway || appGroups.isEmpty() ? Optional.empty()
                : p.get("SecurityGroupIds").flatMap(this::refs).flatMap(sgs -> admits443(sgs, appGroups.get()));
        SourceLocation at = resources.get(id).location();
        return new Endpoint(service(r).orElseThrow(), gateway, at, dns, admits);
    }

    private Optional<Boolean> admits443(List<String> groups, List<String> from) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        for (String g : groups) {
            if (!type(g).equals("AWS::EC2::SecurityGroup")) {
                return Optional.empty();
            }
            Optional<Node> inline = props(resources.get(g)).flatMap(p -> p.get("SecurityGroupIngress"));
            if (inline.isPresent()) {
                if (!(inline.get() instanceof ArrayNode a)) {
                    return Optional.empty();
                }
                for (Node rule : a.items()) {
                    if (!(rule instanceof ObjectNode o) || admits(o, from)) {
                        return Optional.of(true);
                    }
                }
            }
            for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
                if (type(e.getKey()).equals("AWS::EC2::SecurityGroupIngress")) {
                    Optional<ObjectNode> p = props(e.getValue());
                    Optional<List<String>> target = p.flatMap(x -> x.get("GroupId")).flatMap(this::refs);
                    if (p.isEmpty() || target.isEmpty()) {
                        return Optional.empty();
                    }
                    if (target.get().contains(g) && admits(p.get(), from)) {
                        return Optional.of(true);
                    }
                }
            }
        }
        return Optional.of(false);
    }

    /** An ingress rule admits TCP 443 from {@code from}; what is not written out counts as admitting. */
    private boolean admits(ObjectNode rule, List<String> from) {
        Optional<String> protocol = Nodes.string(rule, "IpProtocol");
        if (rule.get("IpProtocol").isPresent() && protocol.isEmpty()) {
            return true;
        }
        String proto = protocol.orElse("tcp").toLowerCase(Locale.ROOT);
        if (!Set.of("tcp", "6", "-1").contains(proto)) {
            return false;
        }
        if (!proto.equals("-1")) {
            try {
                Optional<Integer> lo = Nodes.string(rule, "FromPort").map(Integer::parseInt);
                Optional<Integer> hi = Nodes.string(rule, "ToPort").map(Integer::parseInt);
                if (lo.isPresent() && hi.isPresent() && (lo.get() > 443 || hi.get() < 443)) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return true;
            }
        }
        if (rule.get("CidrIp").isPresent() || rule.get("CidrIpv6").isPresent()
                || rule.get("SourcePrefixListId").isPresent()) {
            return true;
        }
        Optional<Node> source = rule.get("SourceSecurityGroupId");
        if (source.isEmpty()) {
            return rule.get("SourceSecurityGroupName").isPresent();
        }
        Optional<List<String>> ids = refs(source.get());
        return ids.isEmpty() || ids.get().stream().anyMatch(from::contains);
    }

    private boolean noRoute(List<String> subnets) {
        for (String s : subnets) {
            if (!type(s).equals("AWS::EC2::Subnet")) {
                return false;
            }
            List<String> tables = new ArrayList<>();
            for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
                if (type(e.getKey()).equals("AWS::EC2::SubnetRouteTableAssociation")) {
                    Optional<ObjectNode> p = props(e.getValue());
                    Optional<List<String>> subnet = p.flatMap(x -> x.get("SubnetId")).flatMap(this::refs);
                    Optional<List<String>> table = p.flatMap(x -> x.get("RouteTableId")).flatMap(this::refs);
                    if (subnet.isEmpty() || table.isEmpty()) {
                        return false;
                    }
                    if (subnet.get().contains(s)) {
                        tables.addAll(table.get());
                    }
                }
            }
            if (tables.isEmpty()) {
                return false;
            }
            for (String t : tables) {
                if (!type(t).equals("AWS::EC2::RouteTable") || !tableHasNoRoute(t)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean tableHasNoRoute(String table) {
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            if (!type(e.getKey()).equals("AWS::EC2::Route")) {
                continue;
            }
            Optional<ObjectNode> p = props(e.getValue());
            Optional<List<String>> owner = p.flatMap(x -> x.get("RouteTableId")).flatMap(this::refs);
            if (p.isEmpty() || owner.isEmpty() || e.getValue().field("Condition").isPresent()) {
                return false;
            }
            if (!owner.get().contains(table)) {
                continue;
            }
            if (p.get().get("DestinationIpv6CidrBlock").isPresent()) {
                continue;
            }
            Optional<String> cidr = Nodes.string(p.get(), "DestinationCidrBlock");
            if (cidr.isEmpty()) {
                return false;
            }
            if (!cidr.get().equals("0.0.0.0/0")) {
                continue;
            }
            for (String k : ROUTE_TARGETS) {
                if (p.get().get(k).isPresent()) {
                    return false;
                }
            }
            Optional<List<String>> gw = p.get().get("GatewayId").flatMap(this::refs);
            if (gw.isEmpty() || gw.get().isEmpty()
                    || !gw.get().stream().allMatch(g -> type(g).equals("AWS::EC2::InternetGateway"))) {
                return false;
            }
        }
        return true;
    }

    /** Logical ids a value references: a Ref or GetAtt, or a list of them; empty when anything else. */
    private Optional<List<String>> refs(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof ArrayNode a && a.tag().isEmpty()) {
            for (Node x : a.items()) {
                Optional<String> r = ref(x);
                if (r.isEmpty()) {
                    return Optional.empty();
                }
                out.add(r.get());
            }
            return Optional.of(out);
        }
        return ref(n).map(List::of);
    }

    private Optional<String> ref(Node n) {
        Optional<String> id = Optional.empty();
        if (n instanceof ScalarNode s && s.tag().equals(Optional.of("!Ref"))) {
            id = Optional.of(s.text());
        } else if (n instanceof ScalarNode s && s.tag().equals(Optional.of("!GetAtt"))) {
            id = Optional.of(s.text().split("\\.", 2)[0]);
        } else if (n instanceof ObjectNode o && o.fields().size() == 1) {
            if (o.field("Ref").isPresent()) {
                id = o.get("Ref").flatMap(Nodes::text);
            } else if (o.field("Fn::GetAtt").isPresent()) {
                Node v = o.get("Fn::GetAtt").orElseThrow();
                id = v instanceof ArrayNode a && !a.items().isEmpty() ? Nodes.text(a.items().get(0))
                        : Nodes.text(v).map(t -> t.split("\\.", 2)[0]);
            }
        }
        return id.filter(resources::containsKey);
    }
}
