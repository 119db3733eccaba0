package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.Nodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code terraform show -json PLANFILE} output (https://developer.hashicorp.com/terraform/internals/json-format):
 * the planned values of every managed resource, with the attributes that {@code resource_changes[].change
 * .after_unknown} marks (or that are absent) as unknown, and the configuration's expression references to connect
 * resources whose ARNs are only known after apply.
 */
public final class PlanReader {

    private final Path root;
    private final String name;
    private final ProjectOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, ObjectNode> afterUnknown = new HashMap<>();
    /** Configuration address (module prefix + type.name) to its expressions object. */
    private final Map<String, ObjectNode> expressions = new HashMap<>();

    private PlanReader(Path root, Path plan, ProjectOptions options) {
        this.root = root;
        this.name = DisplayPaths.rel(root, plan);
        this.options = options;
    }

    public static IacResult read(Path root, Path plan, ProjectOptions options) {
        PlanReader r = new PlanReader(root, plan, options);
        TreeReader.Result tree = TreeReader.read(plan, r.name, TreeReader.Format.JSON);
        r.findings.addAll(tree.findings());
        if (tree.root().isEmpty()) {
            return IacResult.ofFindings(r.findings);
        }
        return r.read(tree.root().get());
    }

    private IacResult read(Node rootNode) {
        Optional<ObjectNode> top = Nodes.object(rootNode);
        Optional<ObjectNode> rootModule = top.flatMap(t -> Nodes.childObject(t, "planned_values"))
                .flatMap(p -> Nodes.childObject(p, "root_module"));
        if (rootModule.isEmpty()) {
            findings.add(new Finding(InfraRules.PLAN_BAD_SHAPE, Severity.WARNING, "'" + name + "' has no "
                    + "planned_values.root_module; expected the output of 'terraform show -json PLANFILE'",
                    rootNode.location()));
            return IacResult.ofFindings(findings);
        }
        top.get().get("resource_changes").flatMap(Nodes::array).ifPresent(changes -> {
            for (Node c : changes.items()) {
                Nodes.object(c).ifPresent(o -> Nodes.string(o, "address").ifPresent(a -> Nodes.childObject(o,
                        "change").flatMap(ch -> Nodes.childObject(ch, "after_unknown"))
                        .ifPresent(u -> afterUnknown.put(a, u))));
            }
        });
        top.flatMap(t -> Nodes.childObject(t, "configuration")).flatMap(c -> Nodes.childObject(c, "root_module"))
                .ifPresent(m -> configuration(m, ""));
        List<Res> resources = new ArrayList<>();
        collect(rootModule.get(), resources);
        IacResult r = new Extractor(resources, options, findings, x -> List.of(), "tf:").extract();
        return r.plus(IacResult.ofFindings(findings));
    }

    private void configuration(ObjectNode module, String prefix) {
        module.get("resources").flatMap(Nodes::array).ifPresent(a -> {
            for (Node n : a.items()) {
                Nodes.object(n).ifPresent(o -> Nodes.string(o, "address").ifPresent(addr -> Nodes.childObject(o,
                        "expressions").ifPresent(e -> expressions.put(prefix + addr, e))));
            }
        });
        Nodes.childObject(module, "module_calls").ifPresent(calls -> calls.fields().forEach(c -> Nodes.object(c.value())
                .flatMap(o -> Nodes.childObject(o, "module"))
                .ifPresent(m -> configuration(m, prefix + "module." + c.key() + "."))));
    }

    private void collect(ObjectNode module, List<Res> out) {
        module.get("resources").flatMap(Nodes::array).ifPresent(a -> {
            for (Node n : a.items()) {
                if (!(n instanceof ObjectNode o)) {
                    findings.add(new Finding(InfraRules.PLAN_BAD_SHAPE, Severity.WARNING, "a planned resource must "
                            + "be an object, not " + n.kindName(), n.location()));
                    continue;
                }
                if (!Nodes.string(o, "mode").orElse("managed").equals("managed")) {
                    continue;
                }
                Optional<String> address = Nodes.string(o, "address");
                Optional<String> type = Nodes.string(o, "type");
                if (address.isEmpty() || type.isEmpty()) {
                    findings.add(new Finding(InfraRules.PLAN_BAD_SHAPE, Severity.WARNING, "a planned resource needs "
                            + "address and type", o.location()));
                    continue;
                }
                ObjectNode values = Nodes.childObject(o, "values").orElse(ObjectNode.of(List.of(), o.location()));
                Optional<ObjectNode> unknown = Optional.ofNullable(afterUnknown.get(address.get()));
                if (unknown.isPresent()) {
                    values = (ObjectNode) withUnknowns(values, unknown.get());
                }
                out.add(new PlanRes(address.get(), type.get(), values, o.location(), unknown,
                        o.get("index").isPresent()));
            }
        });
        module.get("child_modules").flatMap(Nodes::array).ifPresent(a -> a.items()
                .forEach(c -> Nodes.object(c).ifPresent(m -> collect(m, out))));
    }

    /**
     * Puts {@code {?}} wherever after_unknown says {@code true}: planned values leave unknown attributes (and unknown
     * map entries, such as a computed environment variable) out, but their names still matter.
     */
    static Node withUnknowns(Node values, Node unknown) {
        if (unknown instanceof ScalarNode s && s.text().equals("true")) {
            return Values.unknown(values.location());
        }
        if (values instanceof ObjectNode v && unknown instanceof ObjectNode u) {
            List<ObjectNode.Field> fields = new ArrayList<>();
            for (ObjectNode.Field f : v.fields()) {
                fields.add(u.get(f.key()).map(x -> new ObjectNode.Field(f.key(), f.keyLocation(),
                        withUnknowns(f.value(), x))).orElse(f));
            }
            for (ObjectNode.Field f : u.fields()) {
                if (v.get(f.key()).isEmpty() || Nodes.isNull(v.get(f.key()).get())) {
                    Node filled = withUnknowns(ObjectNode.of(List.of(), v.location()), f.value());
                    if (f.value() instanceof ScalarNode sc && sc.text().equals("true")) {
                        fields.removeIf(x -> x.key().equals(f.key()));
                        fields.add(new ObjectNode.Field(f.key(), v.location(), Values.unknown(v.location())));
                    } else if (f.value() instanceof ObjectNode && v.get(f.key()).isEmpty()) {
                        fields.add(new ObjectNode.Field(f.key(), v.location(), filled));
                    }
                }
            }
            return new ObjectNode(fields, List.of(), v.location(), v.tag());
        }
        if (values instanceof ArrayNode v && unknown instanceof ArrayNode u) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < v.items().size(); i++) {
                items.add(i < u.items().size() ? withUnknowns(v.items().get(i), u.items().get(i)) : v.items().get(i));
            }
            return new ArrayNode(items, v.location(), v.tag());
        }
        return values;
    }

    private static String stripIndexes(String address) {
        return address.replaceAll("\\[[^\\]]*]", "");
    }

    private final class PlanRes implements Res {
        private final String address;
        private final String type;
        private final ObjectNode values;
        private final SourceLocation location;
        private final Optional<ObjectNode> unknown;
        private final boolean repeated;

        PlanRes(String address, String type, ObjectNode values, SourceLocation location,
                Optional<ObjectNode> unknown, boolean repeated) {
            this.address = stripIndexes(address);
            this.type = type;
            this.values = values;
            this.location = location;
            this.unknown = unknown;
            this.repeated = repeated;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public String modulePrefix() {
            int i = address.lastIndexOf(type + ".");
            return i <= 0 ? "" : address.substring(0, i);
        }

        @Override
        public SourceLocation location() {
            return location;
        }

        private boolean isUnknown(String attr) {
            return unknown.flatMap(u -> u.get(attr)).map(v -> v instanceof ScalarNode s && s.text().equals("true"))
                    .orElse(false);
        }

        @Override
        public Node attr(String attr) {
            Optional<Node> v = values.get(attr).filter(n -> !Nodes.isNull(n));
            if (v.isPresent() && !isUnknown(attr)) {
                return v.get();
            }
            Optional<ResourceTypes.Spec> spec = ResourceTypes.spec(type);
            if (spec.isPresent() && spec.get().computed().containsKey(attr)) {
                String n = SymbolicValue.UNKNOWN;
                if (spec.get().nameArgument() != null && !isUnknown(spec.get().nameArgument())) {
                    n = values.get(spec.get().nameArgument()).filter(x -> !Nodes.isNull(x)).map(Values::text)
                            .orElse(SymbolicValue.UNKNOWN);
                }
                String path = values.get("path").map(Values::text).orElse("/");
                return Values.string(ResourceTypes.fill(spec.get().computed().get(attr), options.partition(),
                        options.regionOrUnknown(), options.accountOrUnknown(), n, path), location);
            }
            return Values.unknown(location);
        }

        @Override
        public boolean has(String attr) {
            return (values.get(attr).isPresent() && !Nodes.isNull(values.get(attr).get())) || isUnknown(attr);
        }

        @Override
        public List<ObjectNode> blocks(String attr) {
            List<ObjectNode> out = new ArrayList<>();
            values.get(attr).flatMap(Nodes::array).ifPresent(a -> a.items()
                    .forEach(i -> Nodes.object(i).ifPresent(out::add)));
            return out;
        }

        @Override
        public List<String> refs(String attr) {
            List<String> out = new ArrayList<>();
            String prefix = modulePrefix();
            ObjectNode e = expressions.get(address);
            if (e == null) {
                return out;
            }
            e.get(attr).flatMap(Nodes::object).flatMap(x -> x.get("references")).flatMap(Nodes::array)
                    .ifPresent(refs -> refs.items().forEach(r -> Nodes.text(r).ifPresent(ref -> {
                        String[] parts = stripIndexes(ref).split("\\.");
                        if (parts.length >= 2 && parts[0].contains("_") && !parts[0].equals("data")) {
                            out.add(prefix + parts[0] + "." + parts[1]);
                        }
                    })));
            return out;
        }

        @Override
        public boolean repeated() {
            return repeated;
        }
    }

}
