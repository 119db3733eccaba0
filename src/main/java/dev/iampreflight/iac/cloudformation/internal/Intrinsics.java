package dev.iampreflight.iac.cloudformation.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.Suggestions;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.JsonText;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.Nodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions (JSON {@code {"Fn::Sub": ...}} and YAML short tags such as
 * {@code !Sub}) to values, writing {@code {?}} for every part that cannot be known before deploy. Semantics from
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html and the pseudo
 * parameters page. Never throws for bad input: unsupported or malformed intrinsics become findings and unknown values.
 */
public final class Intrinsics {

    private static final String U = SymbolicValue.UNKNOWN;
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");

    private final Template template;
    private final Map<String, String> parameterValues;
    private final String partition;
    private final String region;
    private final String account;
    private final List<Finding> findings;
    private final Map<String, Optional<Boolean>> conditionCache = new HashMap<>();
    private final Set<String> resolving = new LinkedHashSet<>();
    private final Set<String> reported = new HashSet<>();
    private SamGenerated generated = SamGenerated.NONE;

    public Intrinsics(Template template, Map<String, String> parameterValues, String partition,
                      Optional<String> region, Optional<String> account, List<Finding> findings) {
        this.template = template;
        this.parameterValues = parameterValues;
        this.partition = partition;
        this.region = region.orElse(U);
        this.account = account.orElse(U);
        this.findings = findings;
    }

    /** Declares the resources the SAM transform generates, so that references to them resolve. */
    public void generated(SamGenerated g) {
        this.generated = g;
    }

    /** A declared or SAM-generated resource by logical id. */
    public Optional<Template.Resource> resource(String id) {
        Template.Resource r = template.resources().get(id);
        return r != null ? Optional.of(r) : Optional.ofNullable(generated.resources().get(id));
    }

    /** True when {@code id} is a resource of the template or one SAM generates (known only by pattern included). */
    private boolean isResource(String id) {
        return template.resources().containsKey(id) || generated.declares(id);
    }

    public String partition() {
        return partition;
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    /** The intrinsic a node stands for, as (function name, argument), if it is one. */
    public static Optional<Map.Entry<String, Node>> intrinsic(Node n) {
        // YAML's own tags (!!str, tag:yaml.org,2002:...) are not intrinsics; CloudFormation short forms are "!Name".
        if (n.tag().isPresent() && !n.tag().get().startsWith("!!") && !n.tag().get().contains(":")) {
            String tag = n.tag().get().substring(1);
            String fn = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
            return Optional.of(Map.entry(fn, untag(n)));
        }
        if (n instanceof ObjectNode o && o.fields().size() == 1) {
            String k = o.fields().get(0).key();
            if (k.equals("Ref") || k.startsWith("Fn::") || k.equals("Condition")) {
                return Optional.of(Map.entry(k, o.fields().get(0).value()));
            }
        }
        return Optional.empty();
    }

    private static Node untag(Node n) {
        if (n instanceof ScalarNode s) {
            return new ScalarNode(s.kind(), s.text(), s.location(), Optional.empty());
        }
        if (n instanceof ArrayNode a) {
            return new ArrayNode(a.items(), a.location(), Optional.empty());
        }
        ObjectNode o = (ObjectNode) n;
        return new ObjectNode(o.fields(), o.duplicateKeys(), o.location(), Optional.empty());
    }

    private static ScalarNode str(String s, SourceLocation at) {
        return ScalarNode.string(s, at);
    }

    /** The node with every intrinsic resolved; empty when it resolves to {@code AWS::NoValue}. */
    public Optional<Node> resolve(Node n) {
        Optional<Map.Entry<String, Node>> fn = intrinsic(n);
        if (fn.isPresent() && !fn.get().getKey().equals("Condition")) {
            return call(fn.get().getKey(), fn.get().getValue(), n.location());
        }
        if (n instanceof ObjectNode o) {
            List<ObjectNode.Field> out = new ArrayList<>();
            for (ObjectNode.Field f : o.fields()) {
                resolve(f.value()).ifPresent(v -> out.add(new ObjectNode.Field(f.key(), f.keyLocation(), v)));
            }
            return Optional.of(new ObjectNode(out, List.of(), o.location(), Optional.empty()));
        }
        if (n instanceof ArrayNode a) {
            List<Node> out = new ArrayList<>();
            for (Node item : a.items()) {
                resolve(item).ifPresent(out::add);
            }
            return Optional.of(new ArrayNode(out, a.location(), Optional.empty()));
        }
        return Optional.of(n);
    }

    /** The node resolved to a string; {@code {?}} when it is not a scalar. */
    public String string(Node n) {
        return resolve(n).map(Intrinsics::textOf).orElse(U);
    }

    /** A value that is entirely unknown ({@code {?}}), which may stand for a list as well as a string. */
    private static boolean isUnknown(Node n) {
        return n instanceof ScalarNode s && s.text().equals(U);
    }

    private static String shown(Node n) {
        return n instanceof ScalarNode s ? s.text() : JsonText.of(n);
    }

    static String textOf(Node n) {
        if (n instanceof ScalarNode s && !s.isNull()) {
            return withoutDynamicReferences(s.text());
        }
        return U;
    }

    /**
     * A dynamic reference ({@code {{resolve:ssm:/app/bucket}}}, also {@code ssm-secure} and {@code secretsmanager})
     * is replaced by CloudFormation at deploy time with a value stored elsewhere: statically it is unknown, not its
     * own text (AWS CloudFormation User Guide, "Get values stored in other services using dynamic references").
     */
    public static String withoutDynamicReferences(String text) {
        return text.contains("{{resolve:") ? DYNAMIC_REFERENCE.matcher(text).replaceAll(java.util.regex.Matcher
                .quoteReplacement(U)) : text;
    }

    private static final java.util.regex.Pattern DYNAMIC_REFERENCE =
            java.util.regex.Pattern.compile("\\{\\{resolve:[^}]*}}");

    private void unsupported(String what, SourceLocation at) {
        report(new Finding(InfraRules.CFN_UNSUPPORTED, Severity.WARNING, what, at));
    }

    /** Values are resolved more than once (per function, per policy); each problem is reported once. */
    private void report(Finding f) {
        if (!findings.contains(f)) {
            findings.add(f);
        }
    }

    private Optional<Node> call(String fn, Node arg, SourceLocation at) {
        switch (fn) {
            case "Ref":
                return ref(Nodes.text(arg).orElse(""), at);
            case "Fn::GetAtt":
                return Optional.of(getAtt(arg, at));
            case "Fn::Sub":
                return Optional.of(str(sub(arg, at), at));
            case "Fn::Join": {
                if (arg instanceof ArrayNode a && a.items().size() == 2) {
                    String delim = string(a.items().get(0));
                    Optional<Node> list = resolve(a.items().get(1));
                    if (list.isPresent() && list.get() instanceof ArrayNode la) {
                        List<String> parts = new ArrayList<>();
                        la.items().forEach(i -> parts.add(textOf(i)));
                        return Optional.of(str(String.join(delim, parts), at));
                    }
                    if (list.isPresent() && !isUnknown(list.get())) {
                        unsupported("Fn::Join takes [delimiter, [values...]]; '" + shown(list.get())
                                + "' is not a list", at);
                    }
                    return Optional.of(str(U, at));
                }
                unsupported("Fn::Join takes [delimiter, [values...]]", at);
                return Optional.of(str(U, at));
            }
            case "Fn::Select": {
                if (arg instanceof ArrayNode a && a.items().size() == 2) {
                    String idx = string(a.items().get(0));
                    Optional<Node> list = resolve(a.items().get(1));
                    if (!idx.contains(U) && !idx.matches("\\d{1,9}")) {
                        unsupported("Fn::Select takes [index, [values...]]; '" + idx + "' is not an index (a whole "
                                + "number from 0)", at);
                    } else if (list.isPresent() && list.get() instanceof ArrayNode la) {
                        if (idx.contains(U)) {
                            return Optional.of(str(U, at));
                        }
                        int i = Integer.parseInt(idx);
                        if (i < la.items().size()) {
                            return Optional.of(la.items().get(i));
                        }
                        // CloudFormation rejects the template; an unknown value keeps the rest of the run going.
                        unsupported("Fn::Select index " + i + " is out of range for a list of " + la.items().size()
                                + " value(s)", at);
                    } else if (list.isPresent() && !isUnknown(list.get())) {
                        unsupported("Fn::Select takes [index, [values...]]; '" + shown(list.get())
                                + "' is not a list", at);
                    }
                    return Optional.of(str(U, at));
                }
                unsupported("Fn::Select takes [index, [values...]]", at);
                return Optional.of(str(U, at));
            }
            case "Fn::Split": {
                if (arg instanceof ArrayNode a && a.items().size() == 2
                        && resolve(a.items().get(1)).map(v -> v instanceof ScalarNode).orElse(true)) {
                    String delim = string(a.items().get(0));
                    String s = string(a.items().get(1));
                    List<Node> parts = new ArrayList<>();
                    if (s.equals(U) || delim.isEmpty()) {
                        parts.add(str(U, at));
                    } else {
                        for (String p : s.split(Pattern.quote(delim), -1)) {
                            parts.add(str(p, at));
                        }
                    }
                    return Optional.of(ArrayNode.of(parts, at));
                }
                unsupported("Fn::Split takes [delimiter, string]", at);
                return Optional.of(str(U, at));
            }
            case "Fn::If": {
                if (arg instanceof ArrayNode a && a.items().size() == 3) {
                    String name = Nodes.text(a.items().get(0)).orElse("");
                    Optional<Boolean> c = condition(name, a.items().get(0).location());
                    if (c.isEmpty()) {
                        report(new Finding(InfraRules.CFN_UNDECIDED_CONDITION, Severity.NOTE,
                                "condition '" + name + "' cannot be decided before deploy; the first (true) branch "
                                        + "of Fn::If is used", at));
                    }
                    return resolve(a.items().get(c.orElse(true) ? 1 : 2));
                }
                unsupported("Fn::If takes [condition, value if true, value if false]", at);
                return Optional.of(str(U, at));
            }
            case "Fn::FindInMap":
                return Optional.of(findInMap(arg, at));
            case "Fn::ImportValue":
            case "Fn::Cidr":
            case "Fn::GetStackOutput":
                return Optional.of(str(U, at));
            case "Fn::GetAZs":
                return Optional.of(ArrayNode.of(List.of(str(U, at)), at));
            case "Fn::Base64":
                return resolve(arg);
            case "Fn::Length": {
                Optional<Node> list = resolve(arg);
                if (list.isPresent() && list.get() instanceof ArrayNode la) {
                    return Optional.of(new ScalarNode(ScalarNode.Kind.NUMBER, String.valueOf(la.items().size()), at,
                            Optional.empty()));
                }
                return Optional.of(str(U, at));
            }
            case "Fn::ToJsonString":
                return Optional.of(str(resolve(arg).map(Intrinsics::json).orElse("null"), at));
            default:
                unsupported("intrinsic function '" + fn + "' is not supported; its value is treated as unknown", at);
                return Optional.of(str(U, at));
        }
    }

    static String json(Node n) {
        return JsonText.of(n);
    }

    private Optional<Node> ref(String name, SourceLocation at) {
        switch (name) {
            case "AWS::AccountId":
                return Optional.of(str(account, at));
            case "AWS::Region":
                return Optional.of(str(region, at));
            case "AWS::Partition":
                return Optional.of(str(partition, at));
            case "AWS::URLSuffix":
                // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
                return Optional.of(str(partition.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com", at));
            case "AWS::StackName":
            case "AWS::StackId":
                return Optional.of(str(U, at));
            case "AWS::NotificationARNs":
                return Optional.of(ArrayNode.of(List.of(str(U, at)), at));
            case "AWS::NoValue":
                return Optional.empty();
            default:
                break;
        }
        if (template.parameters().containsKey(name)) {
            return Optional.of(parameter(name, at));
        }
        if (isResource(name)) {
            return Optional.of(str(resourceValue(name, null, at), at));
        }
        // SAM's referenceable properties: !Ref MyFunction.Alias, !Ref MyApi.Stage.
        if (generated.properties().containsKey(name)) {
            return Optional.of(str(resourceValue(generated.properties().get(name), null, at), at));
        }
        unknownReference("Ref", name, at);
        return Optional.of(str(U, at));
    }

    private void unknownReference(String fn, String name, SourceLocation at) {
        if (!reported.add(fn + name + at)) {
            return;
        }
        List<String> names = new ArrayList<>(template.parameters().keySet());
        names.addAll(template.resources().keySet());
        report(new Finding(InfraRules.CFN_UNKNOWN_REFERENCE, Severity.ERROR, fn + " '" + name
                + "' names no parameter or resource of this template" + Suggestions.didYouMean(name, names), at));
    }

    private Node parameter(String name, SourceLocation at) {
        ObjectNode p = template.parameters().get(name);
        String type = Nodes.string(p, "Type").orElse("String");
        String value = parameterValues.get(name);
        if (value == null) {
            value = p.get("Default").map(Intrinsics::textOf).orElse(U);
        }
        if (type.startsWith("List<") || type.equals("CommaDelimitedList")) {
            List<Node> items = new ArrayList<>();
            for (String s : value.split(",", -1)) {
                items.add(str(s.trim(), at));
            }
            return ArrayNode.of(items, at);
        }
        return str(value, at);
    }

    /** A resource's Ref value ({@code attribute == null}) or a GetAtt attribute, as a (partly unknown) string. */
    public String resourceValue(String id, String attribute, SourceLocation at) {
        Template.Resource r = resource(id).orElse(null);
        if (r == null) {
            return U; // generated under a name only known by pattern
        }
        if (ResourceTypes.refIsOwnId(r.type()) && (attribute == null || attribute.equals("Id"))) {
            if (reported.add("ownId" + id + at)) {
                report(new Finding(InfraRules.CFN_POLICY_RESOURCE_ID, Severity.WARNING, (attribute == null ? "Ref '"
                        : "Fn::GetAtt '") + id + (attribute == null ? "'" : ".Id'") + " is the id CloudFormation "
                        + "gives the " + r.type() + " itself, not the name, URL or ARN of what it applies to, so a "
                        + "policy or setting that uses it names no queue or topic; refer to the queue or topic "
                        + "(Ref of it, or Fn::GetAtt of its QueueName, TopicName or Arn)", at));
            }
            return ResourceTypes.ownId(r.type(), id);
        }
        Optional<ResourceTypes.Spec> spec = ResourceTypes.spec(r.type());
        if (spec.isEmpty()) {
            return U;
        }
        String format = attribute == null ? spec.get().ref() : spec.get().attributes().get(attribute);
        if (format == null) {
            return U;
        }
        String name = U;
        String path = "/";
        if (resolving.contains(id)) {
            // A resource whose name refers to itself, directly or through others: CloudFormation rejects the
            // template ("circular dependency"); the name is unknown here.
            List<String> cycle = new ArrayList<>(resolving);
            cycle = cycle.subList(cycle.indexOf(id), cycle.size());
            if (reported.add("cycle" + new java.util.TreeSet<>(cycle))) {
                report(new Finding(InfraRules.CFN_UNKNOWN_REFERENCE, Severity.ERROR, "reference cycle: "
                        + String.join(" -> ", cycle) + " -> " + id + "; CloudFormation rejects a circular "
                        + "dependency, so the names on it are unknown here", at));
            }
            return U;
        }
        resolving.add(id);
        try {
            if (spec.get().nameProperty() != null) {
                Optional<Node> n = r.properties().get(spec.get().nameProperty());
                if (n.isPresent()) {
                    name = string(n.get());
                }
            }
            Optional<Node> p = r.properties().get("Path");
            if (p.isPresent()) {
                path = string(p.get());
            }
        } finally {
            resolving.remove(id);
        }
        return ResourceTypes.fill(format, partition, region, account, name, path);
    }

    private Node getAtt(Node arg, SourceLocation at) {
        String id;
        String attr;
        if (arg instanceof ArrayNode a && a.items().size() == 2) {
            id = Nodes.text(a.items().get(0)).orElse("");
            attr = string(a.items().get(1));
        } else if (Nodes.text(arg).isPresent() && Nodes.text(arg).get().contains(".")) {
            String s = Nodes.text(arg).get();
            id = s.substring(0, s.indexOf('.'));
            attr = s.substring(s.indexOf('.') + 1);
        } else {
            unsupported("Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\"", at);
            return str(U, at);
        }
        if (!isResource(id)) {
            unknownReference("Fn::GetAtt", id, at);
            return str(U, at);
        }
        return str(resourceValue(id, attr, at), at);
    }

    private String sub(Node arg, SourceLocation at) {
        String text;
        Map<String, Node> vars = new HashMap<>();
        if (Nodes.text(arg).isPresent()) {
            text = Nodes.text(arg).get();
        } else if (arg instanceof ArrayNode a && a.items().size() == 2 && Nodes.text(a.items().get(0)).isPresent()
                && a.items().get(1) instanceof ObjectNode vo) {
            text = Nodes.text(a.items().get(0)).get();
            vo.fields().forEach(f -> vars.put(f.key(), f.value()));
        } else {
            unsupported("Fn::Sub takes a string or [string, {variables}]", at);
            return U;
        }
        Matcher m = SUB_VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            String v = m.group(1);
            if (v.startsWith("!")) {
                out.append("${").append(v.substring(1)).append('}'); // ${!Literal} is written as ${Literal}
            } else if (vars.containsKey(v)) {
                out.append(string(vars.get(v)));
            } else if (generated.properties().containsKey(v)) {
                out.append(resourceValue(generated.properties().get(v), null, at));
            } else if (v.contains(".") && !v.startsWith("AWS::")) {
                String id = v.substring(0, v.indexOf('.'));
                if (isResource(id)) {
                    out.append(resourceValue(id, v.substring(v.indexOf('.') + 1), at));
                } else {
                    unknownReference("Fn::Sub", id, at);
                    out.append(U);
                }
            } else {
                out.append(ref(v, at).map(Intrinsics::textOf).orElse(""));
            }
            last = m.end();
        }
        out.append(text.substring(last));
        return out.toString();
    }

    private Node findInMap(Node arg, SourceLocation at) {
        if (!(arg instanceof ArrayNode a) || a.items().size() < 3) {
            unsupported("Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]", at);
            return str(U, at);
        }
        String map = string(a.items().get(0));
        String k1 = string(a.items().get(1));
        String k2 = string(a.items().get(2));
        Optional<Node> v = template.mappings().flatMap(m -> Nodes.childObject(m, map))
                .flatMap(m -> Nodes.childObject(m, k1)).flatMap(m -> m.get(k2));
        if (v.isEmpty()) {
            if (!map.contains(U) && !k1.contains(U) && !k2.contains(U)
                    && template.mappings().flatMap(m -> m.get(map)).isEmpty()) {
                unknownReference("Fn::FindInMap", map, at);
            }
            return str(U, at);
        }
        return resolve(v.get()).orElse(str(U, at));
    }

    /** A named condition's value; empty when it cannot be decided before deploy. */
    public Optional<Boolean> condition(String name, SourceLocation at) {
        if (conditionCache.containsKey(name)) {
            return conditionCache.get(name);
        }
        conditionCache.put(name, Optional.empty()); // guards against cycles
        Optional<Node> def = template.conditions().flatMap(c -> c.get(name));
        Optional<Boolean> v;
        if (def.isEmpty()) {
            unknownReference("Condition", name, at);
            v = Optional.empty();
        } else {
            v = evaluate(def.get());
        }
        conditionCache.put(name, v);
        return v;
    }

    private Optional<Boolean> evaluate(Node n) {
        Optional<Map.Entry<String, Node>> fn = intrinsic(n);
        if (fn.isEmpty()) {
            String t = textOf(n);
            return t.equals("true") ? Optional.of(true) : t.equals("false") ? Optional.of(false) : Optional.empty();
        }
        Node arg = fn.get().getValue();
        switch (fn.get().getKey()) {
            case "Condition":
                return condition(Nodes.text(arg).orElse(""), n.location());
            case "Fn::Equals": {
                if (arg instanceof ArrayNode a && a.items().size() == 2) {
                    String x = string(a.items().get(0));
                    String y = string(a.items().get(1));
                    if (x.contains(U) || y.contains(U)) {
                        return Optional.empty();
                    }
                    return Optional.of(x.equals(y));
                }
                return Optional.empty();
            }
            case "Fn::Not": {
                Node inner = arg instanceof ArrayNode a && a.items().size() == 1 ? a.items().get(0) : arg;
                return evaluate(inner).map(b -> !b);
            }
            case "Fn::And":
            case "Fn::Or": {
                boolean and = fn.get().getKey().equals("Fn::And");
                if (!(arg instanceof ArrayNode a)) {
                    return Optional.empty();
                }
                boolean unknown = false;
                for (Node item : a.items()) {
                    Optional<Boolean> b = evaluate(item);
                    if (b.isEmpty()) {
                        unknown = true;
                    } else if (b.get() != and) {
                        return Optional.of(!and);
                    }
                }
                return unknown ? Optional.empty() : Optional.of(and);
            }
            default:
                return Optional.empty();
        }
    }
}
