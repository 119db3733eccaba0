package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iac.terraform.internal.Hcl.Block;
import dev.iampreflight.iac.terraform.internal.Hcl.Expr;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.DisplayPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One instance of a Terraform module (the root, or a {@code module} block's call) and the evaluation of its
 * expressions to located values, with {@code {?}} for whatever is only known after apply.
 */
public final class Instance {

    /**
     * What every instance of one configuration shares.
     *
     * @param root the discovery root (file names in findings are relative to it)
     * @param cwd  the root module's directory: Terraform resolves file() paths and path.module against it
     */
    /**
     * @param renderings the texts of templates whose directives depend on unknown values, by the text the template
     *                   evaluates to (its first rendering): what the other outcomes render
     * @param workspace  {@code terraform.workspace}
     */
    public record Context(Path root, Path cwd, String partition, Optional<String> region, Optional<String> account,
                          List<Finding> findings, Map<Path, Module> modules, Map<String, Rendering> renderings,
                          String workspace) {
        public Context(Path root, Path cwd, String partition, Optional<String> region, Optional<String> account,
                       List<Finding> findings, Map<Path, Module> modules) {
            this(root, cwd, partition, region, account, findings, modules, new HashMap<>(), "default");
        }

        public void report(Finding f) {
            if (!findings.contains(f)) {
                findings.add(f);
            }
        }
    }

    private final Module module;
    private final String prefix;
    private final Map<String, Node> inputs;
    private final Context ctx;
    private final Map<String, Node> localCache = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();
    private final Map<String, Instance> children = new LinkedHashMap<>();
    private final Map<String, ModuleModels.Call> modelled = new LinkedHashMap<>();

    /**
     * Inputs of a module call evaluated on first use, in the caller's instance: sibling modules may feed each other
     * (module.iam takes module.compute's ASG ARN while module.compute takes module.iam's instance profile), which
     * Terraform resolves per value, so an input is read once every sibling exists, not when this one is created.
     */
    private final Map<String, java.util.function.Supplier<Node>> pendingInputs;

    public Instance(Module module, String prefix, Map<String, Node> inputs, Context ctx) {
        this(module, prefix, new HashMap<>(inputs), Map.of(), ctx);
    }

    private Instance(Module module, String prefix, Map<String, Node> inputs,
                     Map<String, java.util.function.Supplier<Node>> pendingInputs, Context ctx) {
        this.module = module;
        this.prefix = prefix;
        this.inputs = inputs;
        this.pendingInputs = pendingInputs;
        this.ctx = ctx;
    }

    /** An instance whose inputs are evaluated when first read (see {@link #pendingInputs}). */
    public static Instance withLazyInputs(Module module, String prefix,
                                          Map<String, java.util.function.Supplier<Node>> inputs, Context ctx) {
        return new Instance(module, prefix, new HashMap<>(), inputs, ctx);
    }

    public Module module() {
        return module;
    }

    /** {@code ""} for the root module, {@code module.NAME.} for a child. */
    public String prefix() {
        return prefix;
    }

    public Context context() {
        return ctx;
    }

    public Map<String, Instance> children() {
        return children;
    }

    public void addChild(String name, Instance child) {
        children.put(name, child);
    }

    /** A call of a registry module that is read from its model (its outputs come from the model). */
    public void addModelled(String name, ModuleModels.Call call) {
        modelled.put(name, call);
    }

    private String region() {
        return ctx.region().orElse(SymbolicValue.UNKNOWN);
    }

    private String account() {
        return ctx.account().orElse(SymbolicValue.UNKNOWN);
    }

    private void warn(String rule, String message, SourceLocation at) {
        ctx.report(new Finding(rule, Severity.WARNING, message, at));
    }

    // ---- expressions ------------------------------------------------------------------------------------------

    public Node eval(Expr e) {
        return eval(e, Map.of());
    }

    public Node eval(Expr e, Map<String, Node> scope) {
        SourceLocation at = e.location();
        if (e instanceof Hcl.Literal l) {
            return switch (l.kind()) {
                case NUMBER -> Values.number(l.value(), at);
                case BOOL -> Values.bool(l.value().equals("true"), at);
                case NULL -> Values.nullValue(at);
            };
        }
        if (e instanceof Hcl.Template t) {
            return template(t, scope);
        }
        if (e instanceof Hcl.Tuple t) {
            List<Node> items = new ArrayList<>();
            t.items().forEach(i -> items.add(eval(i, scope)));
            return ArrayNode.of(items, at);
        }
        if (e instanceof Hcl.ObjectCons o) {
            List<ObjectNode.Field> fields = new ArrayList<>();
            for (Hcl.ObjectCons.Item item : o.items()) {
                String key = Values.text(eval(item.key(), scope));
                fields.add(new ObjectNode.Field(key, item.location(), eval(item.value(), scope)));
            }
            return ObjectNode.of(fields, at);
        }
        if (e instanceof Hcl.Conditional c) {
            Node cond = eval(c.condition(), scope);
            boolean which = !(cond instanceof ScalarNode s && s.text().equals("false"));
            return eval(which ? c.whenTrue() : c.whenFalse(), scope);
        }
        if (e instanceof Hcl.Binary b) {
            return binary(b, scope);
        }
        if (e instanceof Hcl.Unary u) {
            Node v = eval(u.operand(), scope);
            if (Values.isUnknown(v)) {
                return v;
            }
            if (u.op().equals("!") && v instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN) {
                return Values.bool(!s.text().equals("true"), at);
            }
            if (u.op().equals("-") && v instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NUMBER) {
                return Values.number(s.text().startsWith("-") ? s.text().substring(1) : "-" + s.text(), at);
            }
            return Values.unknown(at);
        }
        if (e instanceof Hcl.Call c) {
            return Functions.call(this, c, scope);
        }
        if (e instanceof Hcl.For f) {
            return forExpr(f, scope);
        }
        if (e instanceof Hcl.Splat s) {
            return eval(s.target(), scope);
        }
        return traversal(e, scope);
    }

    /**
     * The texts a template with directives renders to when some of its conditions or collections are unknown: each
     * outcome is kept (an unknown {@code %{if}} renders both branches, an unknown {@code %{for}} zero iterations and
     * one with unknown values), at most {@link #MAX_RENDERINGS}.
     *
     * @param texts    the renderings, the first being the value the template evaluates to
     * @param deciders the directives whose unknown value makes them differ, e.g. {@code %{if var.x} (policy.tpl:3)}
     */
    public record Rendering(List<String> texts, List<String> deciders) {
        public Rendering {
            texts = List.copyOf(texts);
            deciders = List.copyOf(deciders);
        }
    }

    /** Outcomes of one template kept at most: each unknown directive can double them. */
    static final int MAX_RENDERINGS = 16;

    private Node template(Hcl.Template t, Map<String, Node> scope) {
        if (t.parts().size() == 1 && t.parts().get(0) instanceof Expr only) {
            return eval(only, scope); // "${x}" is x itself, not its text
        }
        boolean directives = t.parts().stream().anyMatch(p -> !(p instanceof String) && !(p instanceof Expr));
        if (!directives) {
            StringBuilder b = new StringBuilder();
            for (Object p : t.parts()) {
                b.append(p instanceof String s ? s : Values.text(eval((Expr) p, scope)));
            }
            return Values.string(b.toString(), t.location());
        }
        List<StringBuilder> out = new ArrayList<>(List.of(new StringBuilder()));
        java.util.LinkedHashSet<String> deciders = new java.util.LinkedHashSet<>();
        boolean[] capped = {false};
        render(t.parts(), scope, out, deciders, capped);
        if (capped[0]) {
            ctx.report(new Finding(InfraRules.TF_CONDITIONAL_POLICY, Severity.NOTE, "the template's directives depend "
                    + "on " + deciders.size() + " unknown values (" + String.join(", ", deciders) + "); only the first "
                    + MAX_RENDERINGS + " of their outcomes are considered", t.location()));
        }
        List<String> texts = out.stream().map(StringBuilder::toString).distinct().toList();
        if (texts.size() > 1) {
            ctx.renderings().putIfAbsent(texts.get(0), new Rendering(texts, List.copyOf(deciders)));
        }
        return Values.string(texts.get(0), t.location());
    }

    /** Appends what {@code parts} render to each of {@code out}, forking {@code out} at unknown directives. */
    private void render(List<Object> parts, Map<String, Node> scope, List<StringBuilder> out,
                        java.util.Set<String> deciders, boolean[] capped) {
        for (Object p : parts) {
            if (p instanceof String s) {
                out.forEach(b -> b.append(s));
            } else if (p instanceof Expr x) {
                String v = Values.text(eval(x, scope));
                out.forEach(b -> b.append(v));
            } else if (p instanceof Hcl.IfDirective d) {
                Node cond = eval(d.condition(), scope);
                if (cond instanceof ScalarNode c && !Values.isUnknown(c)
                        && (c.text().equals("true") || c.text().equals("false"))) {
                    render(c.text().equals("true") ? d.then() : d.otherwise(), scope, out, deciders, capped);
                    continue;
                }
                deciders.add("%{if " + describe(d.condition()) + "} (" + where(d.location()) + ")");
                List<StringBuilder> other = copies(out);
                render(d.then(), scope, out, deciders, capped);
                render(d.otherwise(), scope, other, deciders, capped);
                join(out, other, capped);
            } else if (p instanceof Hcl.ForDirective d) {
                Node coll = eval(d.collection(), scope);
                if (Values.isUnknown(coll) || coll instanceof ScalarNode) {
                    deciders.add("%{for " + d.valueVar() + " in " + describe(d.collection()) + "} ("
                            + where(d.location()) + ")");
                    List<StringBuilder> once = copies(out);
                    Map<String, Node> inner = new HashMap<>(scope);
                    d.keyVar().ifPresent(k -> inner.put(k, Values.unknown(d.location())));
                    inner.put(d.valueVar(), Values.unknown(d.location()));
                    render(d.body(), inner, once, deciders, capped);
                    join(out, once, capped);
                    continue;
                }
                for (Map.Entry<Node, Node> en : entries(coll, d.location())) {
                    Map<String, Node> inner = new HashMap<>(scope);
                    d.keyVar().ifPresent(k -> inner.put(k, en.getKey()));
                    inner.put(d.valueVar(), en.getValue());
                    render(d.body(), inner, out, deciders, capped);
                }
            }
        }
    }

    private static List<StringBuilder> copies(List<StringBuilder> out) {
        List<StringBuilder> c = new ArrayList<>();
        out.forEach(b -> c.add(new StringBuilder(b)));
        return c;
    }

    private static void join(List<StringBuilder> out, List<StringBuilder> other, boolean[] capped) {
        out.addAll(other);
        if (out.size() > MAX_RENDERINGS) {
            out.subList(MAX_RENDERINGS, out.size()).clear();
            capped[0] = true;
        }
    }

    private static List<Map.Entry<Node, Node>> entries(Node coll, SourceLocation at) {
        List<Map.Entry<Node, Node>> entries = new ArrayList<>();
        if (coll instanceof ArrayNode a) {
            for (int i = 0; i < a.items().size(); i++) {
                entries.add(Map.entry(Values.number(String.valueOf(i), at), a.items().get(i)));
            }
        } else if (coll instanceof ObjectNode o) {
            for (ObjectNode.Field fl : o.fields()) {
                entries.add(Map.entry(Values.string(fl.key(), fl.keyLocation()), fl.value()));
            }
        }
        return entries;
    }

    private static String where(SourceLocation l) {
        return l.file() + ":" + l.line();
    }

    /** A short source-like text of an expression for messages: traversals in full, anything else abridged. */
    public static String describe(Expr e) {
        if (e instanceof Hcl.Variable v) {
            return v.name();
        }
        if (e instanceof Hcl.GetAttr g) {
            return describe(g.target()) + "." + g.name();
        }
        if (e instanceof Hcl.Index ix) {
            return describe(ix.target()) + "[" + (ix.key() instanceof Hcl.Literal l ? l.value()
                    : ix.key() instanceof Hcl.Template t && t.literal().isPresent() ? "\"" + t.literal().get() + "\""
                    : "...") + "]";
        }
        if (e instanceof Hcl.Splat s) {
            return describe(s.target()) + "[*]";
        }
        if (e instanceof Hcl.Call c) {
            return c.name() + "(" + (c.args().isEmpty() ? "" : String.join(", ", c.args().stream()
                    .map(Instance::describe).toList())) + ")";
        }
        if (e instanceof Hcl.Unary u) {
            return u.op() + describe(u.operand());
        }
        if (e instanceof Hcl.Binary b) {
            return describe(b.left()) + " " + b.op() + " " + describe(b.right());
        }
        if (e instanceof Hcl.Literal l) {
            return l.value();
        }
        if (e instanceof Hcl.Template t && t.literal().isPresent()) {
            return "\"" + t.literal().get() + "\"";
        }
        return "...";
    }

    private Node binary(Hcl.Binary b, Map<String, Node> scope) {
        Node l = eval(b.left(), scope);
        Node r = eval(b.right(), scope);
        SourceLocation at = b.location();
        if (Values.isUnknown(l) || Values.isUnknown(r)) {
            return Values.unknown(at);
        }
        String ls = Values.text(l);
        String rs = Values.text(r);
        switch (b.op()) {
            case "==":
                return Values.bool(Values.json(l).equals(Values.json(r)), at);
            case "!=":
                return Values.bool(!Values.json(l).equals(Values.json(r)), at);
            case "&&":
                return Values.bool(ls.equals("true") && rs.equals("true"), at);
            case "||":
                return Values.bool(ls.equals("true") || rs.equals("true"), at);
            default:
                break;
        }
        try {
            java.math.BigDecimal x = new java.math.BigDecimal(ls);
            java.math.BigDecimal y = new java.math.BigDecimal(rs);
            return switch (b.op()) {
                case "+" -> Values.number(x.add(y).stripTrailingZeros().toPlainString(), at);
                case "-" -> Values.number(x.subtract(y).stripTrailingZeros().toPlainString(), at);
                case "*" -> Values.number(x.multiply(y).stripTrailingZeros().toPlainString(), at);
                case "/" -> y.signum() == 0 ? Values.unknown(at) : Values.number(
                        x.divide(y, java.math.MathContext.DECIMAL64).stripTrailingZeros().toPlainString(), at);
                case "%" -> y.signum() == 0 ? Values.unknown(at)
                        : Values.number(x.remainder(y).toPlainString(), at);
                case "<" -> Values.bool(x.compareTo(y) < 0, at);
                case ">" -> Values.bool(x.compareTo(y) > 0, at);
                case "<=" -> Values.bool(x.compareTo(y) <= 0, at);
                case ">=" -> Values.bool(x.compareTo(y) >= 0, at);
                default -> Values.unknown(at);
            };
        } catch (NumberFormatException ex) {
            return Values.unknown(at);
        }
    }

    private Node forExpr(Hcl.For f, Map<String, Node> scope) {
        Node coll = eval(f.collection(), scope);
        SourceLocation at = f.location();
        if (Values.isUnknown(coll) || coll instanceof ScalarNode) {
            return Values.unknown(at);
        }
        List<Map.Entry<Node, Node>> entries = new ArrayList<>();
        if (coll instanceof ArrayNode a) {
            for (int i = 0; i < a.items().size(); i++) {
                entries.add(Map.entry(Values.number(String.valueOf(i), at), a.items().get(i)));
            }
        } else {
            for (ObjectNode.Field fl : ((ObjectNode) coll).fields()) {
                entries.add(Map.entry(Values.string(fl.key(), fl.keyLocation()), fl.value()));
            }
        }
        List<Node> items = new ArrayList<>();
        List<ObjectNode.Field> fields = new ArrayList<>();
        for (Map.Entry<Node, Node> en : entries) {
            Map<String, Node> inner = new HashMap<>(scope);
            f.keyVar().ifPresent(k -> inner.put(k, en.getKey()));
            inner.put(f.valueVar(), en.getValue());
            if (f.condition().isPresent()) {
                Node c = eval(f.condition().get(), inner);
                if (c instanceof ScalarNode s && s.text().equals("false")) {
                    continue;
                }
            }
            Node v = eval(f.valueExpr(), inner);
            if (f.object()) {
                String key = Values.text(eval(f.keyExpr().orElseThrow(), inner));
                fields.add(new ObjectNode.Field(key, at, v));
            } else {
                items.add(v);
            }
        }
        return f.object() ? ObjectNode.of(fields, at) : ArrayNode.of(items, at);
    }

    /** A traversal (x.y[0].z): its root decides where the value comes from. */
    private Node traversal(Expr e, Map<String, Node> scope) {
        List<Object> steps = new ArrayList<>(); // String attribute names or Expr indexes, root first
        Expr cur = e;
        boolean splat = false;
        while (true) {
            if (cur instanceof Hcl.GetAttr g) {
                steps.add(0, g.name());
                cur = g.target();
            } else if (cur instanceof Hcl.Index ix) {
                steps.add(0, ix.key());
                cur = ix.target();
            } else if (cur instanceof Hcl.Splat s) {
                splat = true;
                cur = s.target();
            } else {
                break;
            }
        }
        SourceLocation at = e.location();
        if (!(cur instanceof Hcl.Variable v)) {
            return apply(eval(cur, scope), steps, scope, at);
        }
        String root = v.name();
        if (scope.containsKey(root)) {
            return apply(scope.get(root), steps, scope, at);
        }
        switch (root) {
            case "var":
                return name(steps, 0).map(n -> apply(variable(n, at), steps.subList(1, steps.size()), scope, at))
                        .orElse(Values.unknown(at));
            case "local":
                return name(steps, 0).map(n -> apply(local(n, at), steps.subList(1, steps.size()), scope, at))
                        .orElse(Values.unknown(at));
            case "module": {
                Optional<String> m = name(steps, 0);
                // module.x[0].out, module.x["k"].out: a module with count or for_each is read as one instance
                // standing for each, as its resources are.
                List<Object> rest = m.isEmpty() ? steps : skipIndexes(steps.subList(1, steps.size()));
                Optional<String> out = name(rest, 0);
                if (m.isEmpty() || out.isEmpty()) {
                    return Values.unknown(at);
                }
                return apply(moduleOutput(m.get(), out.get(), at), rest.subList(1, rest.size()), scope, at);
            }
            case "data": {
                Optional<String> type = name(steps, 0);
                Optional<String> n = name(steps, 1);
                if (type.isEmpty() || n.isEmpty()) {
                    return Values.unknown(at);
                }
                List<Object> rest = skipIndexes(steps.subList(2, steps.size()));
                Optional<String> attr = name(rest, 0);
                if (attr.isEmpty()) {
                    return Values.unknown(at);
                }
                return apply(dataAttribute(type.get(), n.get(), attr.get(), at), rest.subList(1, rest.size()),
                        scope, at);
            }
            case "path": {
                String which = name(steps, 0).orElse("");
                String p = which.equals("module") ? DisplayPaths.rel(ctx.cwd(), module.dir()) : ".";
                return Values.string(p, at);
            }
            case "terraform":
                return name(steps, 0).filter(w -> w.equals("workspace")).map(w -> Values.string(ctx.workspace(), at))
                        .orElse(Values.unknown(at));
            case "count":
            case "each":
            case "self":
                return Values.unknown(at);
            default:
                break;
        }
        Optional<String> n = name(steps, 0);
        if (n.isEmpty()) {
            warn(InfraRules.TF_UNKNOWN_REFERENCE, "'" + root + "' is not a variable, local, module, data source or "
                    + "resource reference", at);
            return Values.unknown(at);
        }
        List<Object> rest = skipIndexes(steps.subList(1, steps.size()));
        if (splat) {
            rest = skipIndexes(rest);
        }
        Optional<String> attr = name(rest, 0);
        if (attr.isEmpty()) {
            return rest.isEmpty() ? resourceObject(root, n.get(), at) : Values.unknown(at);
        }
        return apply(resourceAttribute(root, n.get(), attr.get(), at), rest.subList(1, rest.size()), scope, at);
    }

    /**
     * A whole resource as a value (a module's {@code output "role" { value = aws_iam_role.lambda }}, read by the
     * caller as {@code module.m.role.name}): an object of its arguments and the computed attributes known from its
     * name, each as {@link #resourceAttribute} gives it.
     */
    private Node resourceObject(String type, String name, SourceLocation at) {
        Block b = module.resources().get(type + "." + name);
        String key = type + "." + name;
        if (b == null || !evaluating.add(key)) {
            return Values.unknown(at);
        }
        try {
            List<ObjectNode.Field> fields = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Hcl.Attribute a : b.body().attributes()) {
                if (seen.add(a.name())) {
                    fields.add(new ObjectNode.Field(a.name(), a.location(),
                            resourceAttribute(type, name, a.name(), a.location())));
                }
            }
            ResourceTypes.spec(type).ifPresent(spec -> spec.computed().keySet().stream().sorted()
                    .filter(seen::add)
                    .forEach(c -> fields.add(new ObjectNode.Field(c, at, resourceAttribute(type, name, c, at)))));
            return ObjectNode.of(fields, at);
        } finally {
            evaluating.remove(key);
        }
    }

    private static Optional<String> name(List<Object> steps, int i) {
        return i < steps.size() && steps.get(i) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** Resources with count/for_each are read as "one of these": their instance index is dropped. */
    private static List<Object> skipIndexes(List<Object> steps) {
        int i = 0;
        while (i < steps.size() && steps.get(i) instanceof Expr) {
            i++;
        }
        return steps.subList(i, steps.size());
    }

    private Node apply(Node value, List<Object> steps, Map<String, Node> scope, SourceLocation at) {
        Node cur = value;
        for (Object step : steps) {
            if (Values.isUnknown(cur)) {
                return Values.unknown(at);
            }
            if (step instanceof String attr) {
                if (cur instanceof ObjectNode o && o.get(attr).isPresent()) {
                    cur = o.get(attr).get();
                } else if (cur instanceof ArrayNode a) {
                    List<Node> out = new ArrayList<>(); // an attribute of a list applies to each (splat semantics)
                    for (Node item : a.items()) {
                        out.add(item instanceof ObjectNode o ? o.get(attr).orElse(Values.unknown(at))
                                : Values.unknown(at));
                    }
                    cur = ArrayNode.of(out, at);
                } else {
                    return Values.unknown(at);
                }
            } else {
                Node key = eval((Expr) step, scope);
                if (Values.isUnknown(key)) {
                    return Values.unknown(at);
                }
                String k = Values.text(key);
                if (cur instanceof ArrayNode a && k.matches("\\d+") && Integer.parseInt(k) < a.items().size()) {
                    cur = a.items().get(Integer.parseInt(k));
                } else if (cur instanceof ObjectNode o && o.get(k).isPresent()) {
                    cur = o.get(k).get();
                } else {
                    return Values.unknown(at);
                }
            }
        }
        return cur;
    }

    // ---- named values -----------------------------------------------------------------------------------------

    public Node variable(String name, SourceLocation at) {
        if (inputs.containsKey(name)) {
            return inputs.get(name);
        }
        if (pendingInputs.containsKey(name)) {
            // An input that needs itself (a cycle Terraform would reject) is unknown.
            if (!evaluating.add("var." + name)) {
                return Values.unknown(at);
            }
            try {
                Node v = pendingInputs.get(name).get();
                inputs.put(name, v);
                return v;
            } finally {
                evaluating.remove("var." + name);
            }
        }
        Block decl = module.variables().get(name);
        if (decl == null) {
            warn(InfraRules.TF_UNKNOWN_REFERENCE, "var." + name + " is not declared in "
                    + DisplayPaths.rel(ctx.root(), module.dir()) + dev.iampreflight.core.Suggestions.didYouMean(name,
                    module.variables().keySet()), at);
            return Values.unknown(at);
        }
        return decl.body().attribute("default").map(a -> eval(a.value())).orElse(Values.unknown(at));
    }

    public Node local(String name, SourceLocation at) {
        if (localCache.containsKey(name)) {
            return localCache.get(name);
        }
        Hcl.Attribute a = module.locals().get(name);
        if (a == null) {
            warn(InfraRules.TF_UNKNOWN_REFERENCE, "local." + name + " is not declared"
                    + dev.iampreflight.core.Suggestions.didYouMean(name, module.locals().keySet()), at);
            return Values.unknown(at);
        }
        if (!evaluating.add("local." + name)) {
            return Values.unknown(at);
        }
        try {
            Node v = eval(a.value());
            localCache.put(name, v);
            return v;
        } finally {
            evaluating.remove("local." + name);
        }
    }

    private Node moduleOutput(String m, String out, SourceLocation at) {
        Instance child = children.get(m);
        if (child == null && modelled.containsKey(m)) {
            return modelled.get(m).output(out, at);
        }
        if (child == null) {
            if (!module.modules().containsKey(m)) {
                warn(InfraRules.TF_UNKNOWN_REFERENCE, "module." + m + " is not declared", at);
            }
            return Values.unknown(at);
        }
        Block o = child.module.outputs().get(out);
        if (o == null) {
            return Values.unknown(at);
        }
        return o.body().attribute("value").map(a -> child.eval(a.value())).orElse(Values.unknown(at));
    }

    public Node resourceAttribute(String type, String name, String attr, SourceLocation at) {
        Block b = module.resources().get(type + "." + name);
        if (b == null) {
            warn(InfraRules.TF_UNKNOWN_REFERENCE, type + "." + name + " is not declared in "
                    + DisplayPaths.rel(ctx.root(), module.dir()), at);
            return Values.unknown(at);
        }
        String key = type + "." + name + "." + attr;
        if (!evaluating.add(key)) {
            return Values.unknown(at);
        }
        try {
            Optional<ResourceTypes.Spec> spec = ResourceTypes.spec(type);
            if (spec.isPresent() && spec.get().computed().containsKey(attr)) {
                String n = SymbolicValue.UNKNOWN;
                if (spec.get().nameArgument() != null) {
                    Optional<Hcl.Attribute> na = b.body().attribute(spec.get().nameArgument());
                    if (na.isPresent()) {
                        n = Values.text(eval(na.get().value()));
                    }
                }
                String path = b.body().attribute("path").map(p -> Values.text(eval(p.value()))).orElse("/");
                return Values.string(ResourceTypes.fill(spec.get().computed().get(attr), ctx.partition(), region(),
                        account(), n, path), at);
            }
            Optional<Hcl.Attribute> a = b.body().attribute(attr);
            if (a.isPresent()) {
                return eval(a.get().value());
            }
            List<Scoped> nested = blocks(b.body(), attr, Map.of());
            if (!nested.isEmpty()) {
                List<Node> items = new ArrayList<>();
                nested.forEach(nb -> items.add(blockValues(nb.block().body(), nb.scope())));
                return ArrayNode.of(items, at);
            }
            return Values.unknown(at);
        } finally {
            evaluating.remove(key);
        }
    }

    private Node dataAttribute(String type, String name, String attr, SourceLocation at) {
        Block b = module.data().get(type + "." + name);
        if (b == null) {
            warn(InfraRules.TF_UNKNOWN_REFERENCE, "data." + type + "." + name + " is not declared", at);
            return Values.unknown(at);
        }
        switch (type) {
            case "aws_caller_identity":
                return attr.equals("account_id") ? Values.string(account(), at) : Values.unknown(at);
            case "aws_region":
                return attr.equals("name") || attr.equals("region") || attr.equals("id")
                        ? Values.string(region(), at) : Values.unknown(at);
            case "aws_partition":
                return attr.equals("partition") ? Values.string(ctx.partition(), at)
                        : attr.equals("dns_suffix") ? Values.string(ctx.partition().equals("aws-cn")
                        ? "amazonaws.com.cn" : "amazonaws.com", at) : Values.unknown(at);
            case "aws_iam_policy_document":
                if (attr.equals("json") || attr.equals("minified_json")) {
                    String key = "data." + type + "." + name;
                    if (!evaluating.add(key)) {
                        return Values.unknown(at);
                    }
                    try {
                        return Values.withTag(PolicyDocuments.build(this, b), Values.JSON_TAG);
                    } finally {
                        evaluating.remove(key);
                    }
                }
                return Values.unknown(at);
            case "aws_iam_policy":
                // A lookup by name of an AWS managed policy: its ARN is arn:PARTITION:iam::aws:policy/NAME when the
                // bundled data knows the name; a customer policy's ARN needs the account.
                if (attr.equals("arn") && b.body().attribute("arn").isEmpty()) {
                    Optional<String> n = b.body().attribute("name").flatMap(x -> Values.knownText(eval(x.value())));
                    if (n.isPresent()) {
                        boolean aws = dev.iampreflight.project.internal.Knowledge.base()
                                .map(kb -> kb.managedPolicy(n.get()).isPresent()).orElse(false);
                        return Values.string("arn:" + ctx.partition() + ":iam::" + (aws ? "aws" : account())
                                + ":policy/" + n.get(), at);
                    }
                }
                break;
            case "template_file":
                // The legacy template provider renders `template` with `vars` exactly as templatefile() does
                // (https://registry.terraform.io/providers/hashicorp/template/latest/docs/data-sources/file).
                if (attr.equals("rendered")) {
                    String key = "data." + type + "." + name;
                    Optional<Hcl.Attribute> tpl = b.body().attribute("template");
                    if (tpl.isEmpty() || !evaluating.add(key)) {
                        return Values.unknown(at);
                    }
                    try {
                        Node text = eval(tpl.get().value());
                        if (Values.isUnknown(text) || !(text instanceof ScalarNode sc)) {
                            return Values.unknown(at);
                        }
                        Node vars = b.body().attribute("vars").map(v -> eval(v.value())).orElse(null);
                        return Functions.render(this, sc.text(), sc.location(), vars,
                                "the template of data.template_file." + name, at);
                    } finally {
                        evaluating.remove(key);
                    }
                }
                break;
            case "aws_iam_role":
                if (attr.equals("arn")) {
                    String n = b.body().attribute("name").map(x -> Values.text(eval(x.value())))
                            .orElse(SymbolicValue.UNKNOWN);
                    return Values.string("arn:" + ctx.partition() + ":iam::" + account() + ":role/" + n, at);
                }
                break;
            default:
                break;
        }
        Optional<Hcl.Attribute> given = b.body().attribute(attr);
        if (given.isPresent()) {
            return eval(given.get().value());
        }
        // A data source that looks up a resource by its name computes the same attributes as the resource (AWS
        // provider docs, the data source's "Attribute Reference"): data.aws_ecr_repository.X.repository_url is
        // ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME, so an image built from it can be matched with its build.
        Optional<ResourceTypes.Spec> spec = ResourceTypes.spec(type);
        if (spec.isPresent() && spec.get().nameArgument() != null && spec.get().computed().containsKey(attr)) {
            Optional<Hcl.Attribute> na = b.body().attribute(spec.get().nameArgument());
            if (na.isPresent()) {
                return Values.string(ResourceTypes.fill(spec.get().computed().get(attr), ctx.partition(), region(),
                        account(), Values.text(eval(na.get().value())), "/"), at);
            }
        }
        return Values.unknown(at);
    }

    /** A block with the names its expressions may use (a dynamic block's iterator). */
    public record Scoped(Block block, Map<String, Node> scope) {
    }

    /**
     * The blocks of a type in a body, in source order, with {@code dynamic "TYPE"} blocks expanded over their
     * {@code for_each} (https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks): each element
     * gives one {@code content} block whose iterator ({@code TYPE} or {@code iterator = NAME}) has {@code key} and
     * {@code value}. A collection only known after apply gives one block with an unknown iterator.
     */
    public List<Scoped> blocks(Hcl.Body body, String type, Map<String, Node> scope) {
        List<Scoped> out = new ArrayList<>();
        for (Block b : body.blocks()) {
            if (b.type().equals(type)) {
                out.add(new Scoped(b, scope));
                continue;
            }
            if (!b.type().equals("dynamic") || b.labels().size() != 1 || !b.labels().get(0).equals(type)) {
                continue;
            }
            Optional<Block> content = b.body().blocks("content").stream().findFirst();
            if (content.isEmpty()) {
                warn(InfraRules.TF_UNSUPPORTED, "dynamic \"" + type + "\" has no content block", b.location());
                continue;
            }
            String iterator = b.body().attribute("iterator")
                    .map(a -> a.value() instanceof Hcl.Variable v ? v.name() : type).orElse(type);
            Node coll = b.body().attribute("for_each").map(a -> eval(a.value(), scope))
                    .orElse(Values.unknown(b.location()));
            List<Node[]> entries = new ArrayList<>();
            if (coll instanceof ArrayNode a && !Values.isUnknown(coll)) {
                for (int i = 0; i < a.items().size(); i++) {
                    entries.add(new Node[]{Values.number(String.valueOf(i), b.location()), a.items().get(i)});
                }
            } else if (coll instanceof ObjectNode o) {
                for (ObjectNode.Field f : o.fields()) {
                    entries.add(new Node[]{Values.string(f.key(), f.keyLocation()), f.value()});
                }
            } else {
                ctx.report(new Finding(InfraRules.TF_REPEATED_RESOURCE, Severity.NOTE, "the for_each of dynamic \""
                        + type + "\" is only known after apply; its content is read once with unknown values",
                        b.location()));
                entries.add(new Node[]{Values.unknown(b.location()), Values.unknown(b.location())});
            }
            for (Node[] e : entries) {
                Map<String, Node> inner = new HashMap<>(scope);
                inner.put(iterator, ObjectNode.of(List.of(new ObjectNode.Field("key", b.location(), e[0]),
                        new ObjectNode.Field("value", b.location(), e[1])), b.location()));
                out.add(new Scoped(content.get(), inner));
            }
        }
        return out;
    }

    /** A block body as a value: attributes evaluated, nested blocks as lists of objects (as plan JSON shows them). */
    public ObjectNode blockValues(Hcl.Body body) {
        return blockValues(body, Map.of());
    }

    public ObjectNode blockValues(Hcl.Body body, Map<String, Node> scope) {
        List<ObjectNode.Field> fields = new ArrayList<>();
        for (Hcl.Attribute a : body.attributes()) {
            fields.add(new ObjectNode.Field(a.name(), a.location(), eval(a.value(), scope)));
        }
        java.util.LinkedHashSet<String> types = new java.util.LinkedHashSet<>();
        for (Block b : body.blocks()) {
            types.add(b.type().equals("dynamic") && b.labels().size() == 1 ? b.labels().get(0) : b.type());
        }
        for (String type : types) {
            List<Node> items = new ArrayList<>();
            SourceLocation where = body.location();
            for (Scoped sb : blocks(body, type, scope)) {
                items.add(blockValues(sb.block().body(), sb.scope()));
                where = sb.block().location();
            }
            fields.add(new ObjectNode.Field(type, where, ArrayNode.of(items, where)));
        }
        return ObjectNode.of(fields, body.location());
    }

    // ---- files ------------------------------------------------------------------------------------------------

    /** Reads a local file named relative to the working directory, as file() does; the root stands in for it. */
    Optional<String> readFile(String path, SourceLocation at) {
        Path p = Path.of(path);
        Path resolved = p.isAbsolute() ? p : ctx.cwd().resolve(p).normalize();
        if (!resolved.startsWith(ctx.root())) {
            // Only files of the project being checked are read, so a configuration cannot make the tool print
            // parts of arbitrary files (~/.aws/credentials) in its findings.
            warn(dev.iampreflight.core.ReservedRules.UNREADABLE, "file '" + path + "' is outside the directory being "
                    + "checked and is not read; its content is treated as unknown", at);
            return Optional.empty();
        }
        if (!Files.isRegularFile(resolved)) {
            warn(dev.iampreflight.core.ReservedRules.UNREADABLE, "file '" + path + "' does not exist; its content "
                    + "is treated as unknown", at);
            return Optional.empty();
        }
        try {
            return Optional.of(dev.iampreflight.core.InputFiles.readUtf8(resolved));
        } catch (IOException | RuntimeException e) {
            warn(dev.iampreflight.core.ReservedRules.UNREADABLE, "file '" + path + "' cannot be read: "
                    + e.getMessage(), at);
            return Optional.empty();
        }
    }

    /** Files a fileset() lists at most: past it the result is unknown and a note says so. */
    static final int MAX_FILESET = 1000;

    /**
     * fileset(path, pattern): the files under {@code path} (resolved as file() does) whose path relative to it
     * matches the glob, sorted (https://developer.hashicorp.com/terraform/language/functions/fileset). Only folders
     * of the project are listed; a missing folder gives an empty set, as Terraform's does.
     */
    Node fileset(String path, String pattern, SourceLocation at) {
        Path p = Path.of(path);
        Path dir = p.isAbsolute() ? p : ctx.cwd().resolve(p).normalize();
        if (!dir.startsWith(ctx.root())) {
            warn(dev.iampreflight.core.ReservedRules.UNREADABLE, "folder '" + path + "' is outside the directory "
                    + "being checked and is not listed; fileset() is treated as unknown", at);
            return Values.unknown(at);
        }
        if (!Files.isDirectory(dir)) {
            return ArrayNode.of(List.of(), at);
        }
        java.nio.file.PathMatcher m;
        try {
            m = dir.getFileSystem().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            return Values.unknown(at);
        }
        List<String> names = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            java.util.Iterator<Path> it = files.iterator();
            while (it.hasNext()) {
                Path f = it.next();
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                Path r = dir.relativize(f);
                if (m.matches(r)) {
                    if (names.size() == MAX_FILESET) {
                        ctx.report(new Finding(InfraRules.TF_UNSUPPORTED, Severity.NOTE, "fileset(\"" + path
                                + "\", \"" + pattern + "\") matches more than " + MAX_FILESET + " files; its "
                                + "result is treated as unknown", at));
                        return Values.unknown(at);
                    }
                    names.add(r.toString().replace('\\', '/'));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Values.unknown(at);
        }
        java.util.Collections.sort(names);
        return ArrayNode.of(names.stream().map(n -> (Node) Values.string(n, at)).toList(), at);
    }

    /** The display name of a file read by file()/templatefile(), for locations inside it. */
    String displayName(String path) {
        Path p = Path.of(path);
        return DisplayPaths.rel(ctx.root(), p.isAbsolute() ? p : ctx.cwd().resolve(p).normalize());
    }

    /** Parses JSON text into a located tree whose lines are shifted to where the text was written. */
    Node parseJson(String text, String file, int firstLine, SourceLocation at) {
        TreeReader.Result r = TreeReader.parse(Values.quoteBareUnknowns(text), file, TreeReader.Format.JSON);
        int shift = Math.max(0, firstLine - 1);
        for (Finding f : r.findings()) {
            ctx.report(new Finding(f.ruleId(), Severity.WARNING, f.message(), shifted(f.location(), shift)));
        }
        return r.root().map(n -> shift(n, shift)).orElse(Values.unknown(at));
    }

    private static SourceLocation shifted(SourceLocation l, int shift) {
        return new SourceLocation(l.file(), l.line() + shift, l.column());
    }

    static Node shift(Node n, int shift) {
        if (shift == 0) {
            return n;
        }
        if (n instanceof ObjectNode o) {
            List<ObjectNode.Field> fs = new ArrayList<>();
            for (ObjectNode.Field f : o.fields()) {
                fs.add(new ObjectNode.Field(f.key(), shifted(f.keyLocation(), shift), shift(f.value(), shift)));
            }
            return new ObjectNode(fs, List.of(), shifted(o.location(), shift), o.tag());
        }
        if (n instanceof ArrayNode a) {
            List<Node> items = new ArrayList<>();
            a.items().forEach(i -> items.add(shift(i, shift)));
            return new ArrayNode(items, shifted(a.location(), shift), a.tag());
        }
        ScalarNode s = (ScalarNode) n;
        return new ScalarNode(s.kind(), s.text(), shifted(s.location(), shift), s.tag());
    }
}
