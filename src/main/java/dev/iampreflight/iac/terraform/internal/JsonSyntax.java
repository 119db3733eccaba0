package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Terraform's JSON configuration syntax ({@code *.tf.json}, e.g. the {@code chalice package --pkg-format terraform}
 * output) turned into the same tree as native syntax (https://developer.hashicorp.com/terraform/language/syntax/json):
 * top-level keys are block types, labels are nested object keys, string values are templates that may hold
 * {@code ${...}} interpolations. Whether an object inside a resource is a nested block or a map argument depends on
 * the provider schema; the nested block types that matter for IAM are listed here, everything else is an argument.
 */
public final class JsonSyntax {

    /** Nested block types of the resources the extractor reads (AWS provider schema). */
    private static final Set<String> NESTED_BLOCKS = Set.of("environment", "inline_policy", "statement", "principals",
            "not_principals", "condition", "iam_instance_profile", "attribute", "vpc_config", "dead_letter_config",
            "tracing_config", "image_config", "ephemeral_storage", "logging_config");
    private static final Set<String> TWO_LABELS = Set.of("resource", "data");
    private static final Set<String> ONE_LABEL = Set.of("variable", "output", "module", "provider");

    private JsonSyntax() {
    }

    public static Hcl.Body toBody(Node root, String file, List<Finding> findings) {
        List<Hcl.Block> blocks = new ArrayList<>();
        if (!(root instanceof ObjectNode o)) {
            findings.add(new Finding(ReservedRules.BAD_SHAPE, Severity.ERROR, "a Terraform JSON file must be an "
                    + "object of block types, not " + root.kindName(), root.location()));
            return new Hcl.Body(List.of(), List.of(), root.location());
        }
        for (ObjectNode.Field f : o.fields()) {
            String type = f.key();
            if (TWO_LABELS.contains(type)) {
                labelled(type, f.value(), 2, new ArrayList<>(), blocks, file, findings);
            } else if (ONE_LABEL.contains(type)) {
                labelled(type, f.value(), 1, new ArrayList<>(), blocks, file, findings);
            } else if (type.equals("locals") || type.equals("terraform")) {
                for (Node b : items(f.value())) {
                    blocks.add(new Hcl.Block(type, List.of(), body(b, file, findings), f.keyLocation()));
                }
            }
        }
        return new Hcl.Body(List.of(), blocks, o.location());
    }

    private static List<Node> items(Node n) {
        return n instanceof ArrayNode a ? a.items() : List.of(n);
    }

    private static void labelled(String type, Node value, int depth, List<String> labels, List<Hcl.Block> out,
                                 String file, List<Finding> findings) {
        if (depth == 0) {
            for (Node b : items(value)) {
                out.add(new Hcl.Block(type, labels, body(b, file, findings), value.location()));
            }
            return;
        }
        if (!(value instanceof ObjectNode o)) {
            findings.add(new Finding(ReservedRules.BAD_SHAPE, Severity.WARNING, "'" + type + "' expects an object "
                    + "keyed by label, not " + value.kindName(), value.location()));
            return;
        }
        for (ObjectNode.Field f : o.fields()) {
            List<String> next = new ArrayList<>(labels);
            next.add(f.key());
            labelled(type, f.value(), depth - 1, next, out, file, findings);
        }
    }

    private static Hcl.Body body(Node n, String file, List<Finding> findings) {
        List<Hcl.Attribute> attributes = new ArrayList<>();
        List<Hcl.Block> blocks = new ArrayList<>();
        if (n instanceof ObjectNode o) {
            for (ObjectNode.Field f : o.fields()) {
                if (f.key().equals("//")) {
                    continue; // a comment in JSON syntax
                }
                if (NESTED_BLOCKS.contains(f.key()) && !(f.value() instanceof ScalarNode)) {
                    for (Node b : items(f.value())) {
                        blocks.add(new Hcl.Block(f.key(), List.of(), body(b, file, findings), f.keyLocation()));
                    }
                } else {
                    attributes.add(new Hcl.Attribute(f.key(), expr(f.value(), file, findings), f.keyLocation()));
                }
            }
        }
        return new Hcl.Body(attributes, blocks, n.location());
    }

    private static Hcl.Expr expr(Node n, String file, List<Finding> findings) {
        SourceLocation at = n.location();
        if (n instanceof ScalarNode s) {
            return switch (s.kind()) {
                case STRING -> template(s, file, findings);
                case NUMBER -> new Hcl.Literal(Hcl.Literal.Kind.NUMBER, s.text(), at);
                case BOOLEAN -> new Hcl.Literal(Hcl.Literal.Kind.BOOL, s.text(), at);
                case NULL -> new Hcl.Literal(Hcl.Literal.Kind.NULL, "null", at);
            };
        }
        if (n instanceof ArrayNode a) {
            List<Hcl.Expr> items = new ArrayList<>();
            a.items().forEach(i -> items.add(expr(i, file, findings)));
            return new Hcl.Tuple(items, at);
        }
        List<Hcl.ObjectCons.Item> items = new ArrayList<>();
        for (ObjectNode.Field f : ((ObjectNode) n).fields()) {
            items.add(new Hcl.ObjectCons.Item(new Hcl.Template(List.of(f.key()), false, f.keyLocation()),
                    expr(f.value(), file, findings), f.keyLocation()));
        }
        return new Hcl.ObjectCons(items, at);
    }

    private static Hcl.Expr template(ScalarNode s, String file, List<Finding> findings) {
        if (!s.text().contains("${") && !s.text().contains("%{")) {
            return new Hcl.Template(List.of(s.text()), false, s.location());
        }
        try {
            return HclParser.parseExpression(s.text(), file, s.location());
        } catch (HclParser.SyntaxError e) {
            findings.add(new Finding(ReservedRules.UNPARSABLE, Severity.ERROR, "the template \"" + s.text()
                    + "\" is not valid: " + e.getMessage(), s.location()));
            return new Hcl.Template(List.of(s.text()), false, s.location());
        }
    }
}
