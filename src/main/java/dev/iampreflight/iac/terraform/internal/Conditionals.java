package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.PolicyVariant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Policies that exist only for some values of an input. A resource or module with {@code count} that evaluates to 0
 * or a {@code for_each} over an empty collection does not exist
 * (https://developer.hashicorp.com/terraform/language/meta-arguments/count); a boundary or policy whose value is
 * {@code null} is absent (https://developer.hashicorp.com/terraform/language/expressions/types#null). Which of those
 * holds depends on the root module's variables: the value the check uses (default, tfvars, {@code --var}) decides
 * errors, and each input that can flip a policy in or out is read once more with its other value, so the check can
 * say which calls that value would deny or allow.
 */
public final class Conditionals {

    /** The resources that are absent when their count is 0 or their for_each empty: policies and attachments. */
    public static final java.util.Set<String> POLICY_TYPES = java.util.Set.of("aws_iam_role_policy",
            "aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_policy",
            "aws_iam_role_policies_exclusive", "aws_iam_role_policy_attachments_exclusive");

    /** Inputs read with their other value, at most: each costs one more reading of the configuration. */
    static final int MAX_INPUTS = 8;

    /**
     * An input of the root module and the value it is read with as the alternative.
     *
     * @param name       the variable's name
     * @param other      the alternative value
     * @param baseText   the value the check uses and where it comes from
     * @param otherText  the alternative, in words
     * @param decided    whether the check's value is known (a default or a tfvars file)
     * @param byDefault  whether that value is the variable's own default (no tfvars file or option gave one)
     * @param declaredAt the variable's declaration
     */
    public record Input(String name, Node other, String baseText, String otherText, boolean decided,
                        boolean byDefault, SourceLocation declaredAt) {
    }

    private Conditionals() {
    }

    /** False when the block's {@code count} is a known 0 or its {@code for_each} a known empty collection. */
    public static boolean exists(Instance in, Hcl.Body body) {
        Optional<Hcl.Attribute> count = body.attribute("count");
        if (count.isPresent()) {
            Node n = in.eval(count.get().value());
            if (n instanceof ScalarNode s && !Values.isUnknown(s)) {
                if (s.isNull()) {
                    return false;
                }
                try {
                    return new java.math.BigDecimal(s.text()).signum() > 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        Optional<Hcl.Attribute> forEach = body.attribute("for_each");
        if (forEach.isPresent()) {
            Node n = in.eval(forEach.get().value());
            if (!Values.isUnknown(n)) {
                return !(n instanceof ArrayNode a && a.items().isEmpty())
                        && !(n instanceof ObjectNode o && o.fields().isEmpty())
                        && !(n instanceof ScalarNode s && s.isNull());
            }
        }
        return true;
    }

    /**
     * The root variables that may decide whether a policy exists: booleans (a known value or a {@code bool} without
     * one), {@code null} values (a boundary or policy ARN left out) and empty collections (a {@code for_each} over
     * extra policies). Other values (a name, an environment) are not explored: their other values are endless.
     */
    public static List<Input> inputs(Module m, Map<String, Node> given, Map<String, String> sources,
                                     Instance.Context ctx, List<Finding> findings, String where) {
        List<Input> bools = new ArrayList<>();
        List<Input> others = new ArrayList<>();
        Instance bare = new Instance(new Module(m.dir()), "", Map.of(), ctx);
        for (Map.Entry<String, Hcl.Block> v : m.variables().entrySet()) {
            String name = v.getKey();
            Hcl.Block decl = v.getValue();
            SourceLocation at = decl.location();
            Optional<Hcl.Attribute> def = decl.body().attribute("default");
            Node value = given.containsKey(name) ? given.get(name)
                    : def.map(a -> bare.eval(a.value())).orElse(Values.unknown(at));
            boolean byDefault = !sources.containsKey(name) && def.isPresent();
            String from = sources.containsKey(name) ? sources.get(name)
                    : def.isPresent() ? "its default" : "no value given";
            boolean boolType = decl.body().attribute("type").map(a -> a.value() instanceof Hcl.Variable t
                    && t.name().equals("bool")).orElse(false);
            if (Values.isUnknown(value)) {
                if (boolType) {
                    bools.add(new Input(name, Values.bool(false, at), "true",
                            "false", false, false, at));
                }
            } else if (value instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN) {
                boolean b = s.text().equals("true");
                bools.add(new Input(name, Values.bool(!b, at), b + " (" + from + ")", String.valueOf(!b), true,
                        byDefault, at));
            } else if (value instanceof ScalarNode s && s.isNull()) {
                others.add(new Input(name, Values.unknown(at), "null (" + from + ")", "set (not null)", true,
                        byDefault, at));
            } else if ((value instanceof ArrayNode a && a.items().isEmpty())
                    || (value instanceof ObjectNode o && o.fields().isEmpty())) {
                others.add(new Input(name, Values.unknown(at), "empty (" + from + ")", "not empty", true,
                        byDefault, at));
            }
        }
        List<Input> all = new ArrayList<>(bools);
        all.addAll(others);
        if (all.size() > MAX_INPUTS) {
            List<String> left = all.subList(MAX_INPUTS, all.size()).stream().map(i -> "var." + i.name()).toList();
            findings.add(new Finding(InfraRules.TF_CONDITIONAL_POLICY, Severity.NOTE, "only the first "
                    + MAX_INPUTS + " inputs of " + where + " that can add or drop a policy are read with their other "
                    + "value; " + String.join(", ", left) + " are checked with their given value only",
                    SourceLocation.of(where)));
            return List.copyOf(all.subList(0, MAX_INPUTS));
        }
        return all;
    }

    /** Records, for each target whose policies differ when {@code input} takes its other value, that variant. */
    public static void compare(Input input, List<DeployTarget> base, List<DeployTarget> other,
                               Map<String, List<PolicyVariant>> out) {
        Map<String, DeployTarget> byName = new LinkedHashMap<>();
        other.forEach(t -> byName.putIfAbsent(t.name(), t));
        for (DeployTarget t : base) {
            DeployTarget o = byName.get(t.name());
            if (o == null) {
                continue; // the target itself exists only for one value: nothing to compare its calls with
            }
            List<String> diff = differences(t, o);
            if (diff.isEmpty()) {
                continue;
            }
            out.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(new PolicyVariant("var." + input.name(),
                    input.baseText(), input.otherText(), input.decided(), input.byDefault(),
                    String.join("; ", diff),
                    o.identityPolicies(), o.permissionBoundary(), input.declaredAt()));
        }
    }

    private static List<String> differences(DeployTarget base, DeployTarget other) {
        List<String> out = new ArrayList<>();
        Map<String, AttachedPolicy> b = byName(base.identityPolicies());
        Map<String, AttachedPolicy> o = byName(other.identityPolicies());
        for (Map.Entry<String, AttachedPolicy> e : b.entrySet()) {
            AttachedPolicy p = o.get(e.getKey());
            if (p == null) {
                out.add(e.getKey() + " is not attached");
            } else if (!Objects.equals(p.document(), e.getValue().document()) || p.origin() != e.getValue().origin()) {
                out.add(e.getKey() + " has other statements");
            }
        }
        for (String n : o.keySet()) {
            if (!b.containsKey(n)) {
                out.add(n + " is attached");
            }
        }
        Optional<String> bb = base.permissionBoundary().map(AttachedPolicy::name);
        Optional<String> ob = other.permissionBoundary().map(AttachedPolicy::name);
        if (!bb.equals(ob)) {
            out.add(ob.map(n -> "the permissions boundary is " + n).orElse("there is no permissions boundary"));
        } else if (bb.isPresent() && !Objects.equals(base.permissionBoundary().get().document(),
                other.permissionBoundary().get().document())) {
            out.add("the permissions boundary " + bb.get() + " has other statements");
        }
        return out;
    }

    private static Map<String, AttachedPolicy> byName(List<AttachedPolicy> ps) {
        Map<String, AttachedPolicy> out = new LinkedHashMap<>();
        for (AttachedPolicy p : ps) {
            String key = p.name();
            int i = 2;
            while (out.containsKey(key)) {
                key = p.name() + " #" + i++;
            }
            out.put(key, p);
        }
        return out;
    }
}
