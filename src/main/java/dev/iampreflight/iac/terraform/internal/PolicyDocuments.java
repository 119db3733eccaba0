package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.iac.terraform.internal.Hcl.Block;
import dev.iampreflight.project.internal.Nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the policy JSON of a {@code data "aws_iam_policy_document"} as the AWS provider does
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document): statement
 * blocks with actions, not_actions, resources, not_resources, principals, not_principals and condition; statements of
 * {@code source_policy_documents} come first and are replaced by this document's statements with the same non-empty
 * sid; then each of {@code override_policy_documents} replaces statements with its sids or adds its own.
 */
final class PolicyDocuments {

    private PolicyDocuments() {
    }

    static ObjectNode build(Instance in, Block data) {
        Hcl.Body body = data.body();
        SourceLocation at = data.location();
        List<Node> statements = new ArrayList<>();
        body.attribute("source_policy_documents").ifPresent(a -> {
            for (Node doc : Values.items(in.eval(a.value()))) {
                statements.addAll(statementsOf(in, doc));
            }
        });
        for (Instance.Scoped s : in.blocks(body, "statement", Map.of())) {
            merge(statements, statement(in, s.block(), s.scope()));
        }
        body.attribute("override_policy_documents").ifPresent(a -> {
            for (Node doc : Values.items(in.eval(a.value()))) {
                for (Node st : statementsOf(in, doc)) {
                    merge(statements, st);
                }
            }
        });
        List<ObjectNode.Field> fields = new ArrayList<>();
        Node version = body.attribute("version").map(v -> in.eval(v.value())).orElse(Values.string("2012-10-17", at));
        fields.add(new ObjectNode.Field("Version", at, version));
        body.attribute("policy_id").ifPresent(p -> fields.add(new ObjectNode.Field("Id", p.location(),
                in.eval(p.value()))));
        fields.add(new ObjectNode.Field("Statement", at, ArrayNode.of(statements, at)));
        return ObjectNode.of(fields, at);
    }

    private static Optional<String> sid(Node statement) {
        return Nodes.object(statement).flatMap(o -> Nodes.string(o, "Sid")).filter(s -> !s.isEmpty());
    }

    private static void merge(List<Node> statements, Node st) {
        Optional<String> sid = sid(st);
        if (sid.isPresent()) {
            for (int i = 0; i < statements.size(); i++) {
                if (sid(statements.get(i)).equals(sid)) {
                    statements.set(i, st);
                    return;
                }
            }
        }
        statements.add(st);
    }

    private static List<Node> statementsOf(Instance in, Node doc) {
        Node d = doc;
        if (doc instanceof ScalarNode s && !Values.isUnknown(s) && s.isString()) {
            d = in.parseJson(s.text(), s.location().file(), s.location().line(), s.location());
        }
        if (d instanceof ObjectNode o) {
            Optional<Node> st = o.get("Statement");
            if (st.isPresent()) {
                return Values.items(st.get());
            }
        }
        return List.of();
    }

    private static Node statement(Instance in, Block s, Map<String, Node> scope) {
        Hcl.Body b = s.body();
        SourceLocation at = s.location();
        List<ObjectNode.Field> f = new ArrayList<>();
        b.attribute("sid").ifPresent(a -> f.add(new ObjectNode.Field("Sid", a.location(), in.eval(a.value(), scope))));
        f.add(b.attribute("effect").map(a -> new ObjectNode.Field("Effect", a.location(), in.eval(a.value(), scope)))
                .orElse(new ObjectNode.Field("Effect", at, Values.string("Allow", at))));
        list(in, b, "actions", "Action", f, scope);
        list(in, b, "not_actions", "NotAction", f, scope);
        list(in, b, "resources", "Resource", f, scope);
        list(in, b, "not_resources", "NotResource", f, scope);
        principals(in, in.blocks(b, "principals", scope), "Principal", f);
        principals(in, in.blocks(b, "not_principals", scope), "NotPrincipal", f);
        List<Instance.Scoped> conditions = in.blocks(b, "condition", scope);
        if (!conditions.isEmpty()) {
            Map<String, List<ObjectNode.Field>> byTest = new LinkedHashMap<>();
            Map<String, SourceLocation> where = new LinkedHashMap<>();
            for (Instance.Scoped sc : conditions) {
                Block c = sc.block();
                String test = c.body().attribute("test").map(a -> Values.text(in.eval(a.value(), sc.scope())))
                        .orElse("");
                String variable = c.body().attribute("variable")
                        .map(a -> Values.text(in.eval(a.value(), sc.scope()))).orElse("");
                Node values = c.body().attribute("values").map(a -> in.eval(a.value(), sc.scope()))
                        .orElse(ArrayNode.of(List.of(), c.location()));
                byTest.computeIfAbsent(test, k -> new ArrayList<>()).add(new ObjectNode.Field(variable,
                        c.location(), values));
                where.putIfAbsent(test, c.location());
            }
            List<ObjectNode.Field> ops = new ArrayList<>();
            byTest.forEach((test, keys) -> ops.add(new ObjectNode.Field(test, where.get(test),
                    ObjectNode.of(keys, where.get(test)))));
            SourceLocation first = conditions.get(0).block().location();
            f.add(new ObjectNode.Field("Condition", first, ObjectNode.of(ops, first)));
        }
        return ObjectNode.of(f, at);
    }

    private static void list(Instance in, Hcl.Body b, String attr, String key, List<ObjectNode.Field> out,
                             Map<String, Node> scope) {
        b.attribute(attr).ifPresent(a -> out.add(new ObjectNode.Field(key, a.location(), in.eval(a.value(), scope))));
    }

    private static void principals(Instance in, List<Instance.Scoped> blocks, String key,
                                   List<ObjectNode.Field> out) {
        if (blocks.isEmpty()) {
            return;
        }
        Map<String, List<Node>> byType = new LinkedHashMap<>();
        boolean anyone = false;
        for (Instance.Scoped sp : blocks) {
            Block p = sp.block();
            String type = p.body().attribute("type").map(a -> Values.text(in.eval(a.value(), sp.scope())))
                    .orElse("AWS");
            List<Node> ids = p.body().attribute("identifiers").map(a -> Values.items(in.eval(a.value(), sp.scope())))
                    .orElse(List.of());
            if (type.equals("*")) {
                anyone = true;
            } else {
                byType.computeIfAbsent(type, k -> new ArrayList<>()).addAll(ids);
            }
        }
        SourceLocation at = blocks.get(0).block().location();
        if (anyone && byType.isEmpty()) {
            out.add(new ObjectNode.Field(key, at, Values.string("*", at)));
            return;
        }
        List<ObjectNode.Field> types = new ArrayList<>();
        byType.forEach((t, ids) -> types.add(new ObjectNode.Field(t, at, ArrayNode.of(ids, at))));
        out.add(new ObjectNode.Field(key, at, ObjectNode.of(types, at)));
    }
}
