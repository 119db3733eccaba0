package dev.iampreflight.iamdata.internal;

import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.iamdata.SamPolicyTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The AWS SAM policy templates (aws/serverless-application-model,
 * samtranslator/policy_templates_data/policy_templates.json), read from {@code sam-policy-templates.json.gz} on first
 * use. Definitions keep their locations in that bundled file so a finding inside an expanded template can say so.
 */
public final class SamTemplates {

    public static final String DISPLAY_NAME = "sam-policy-templates.json";

    private final Map<String, SamPolicyTemplate> templates;

    private SamTemplates(Map<String, SamPolicyTemplate> templates) {
        this.templates = templates;
    }

    public static SamTemplates load() {
        String text = MiniJson.gzipResource(Index.BASE + "sam-policy-templates.json.gz");
        TreeReader.Result r = TreeReader.parse(text, DISPLAY_NAME, TreeReader.Format.JSON);
        ObjectNode root = (ObjectNode) r.root().orElseThrow(() -> new IllegalStateException(
                "bundled SAM policy templates do not parse: " + r.findings()));
        ObjectNode all = (ObjectNode) root.get("Templates").orElseThrow();
        Map<String, SamPolicyTemplate> map = new TreeMap<>();
        for (ObjectNode.Field f : all.fields()) {
            ObjectNode t = (ObjectNode) f.value();
            String description = t.get("Description").map(n -> ((ScalarNode) n).text()).orElse("");
            List<String> parameters = new ArrayList<>();
            t.get("Parameters").ifPresent(p -> parameters.addAll(((ObjectNode) p).keys()));
            map.put(f.key(), new SamPolicyTemplate(f.key(), description, parameters,
                    t.get("Definition").orElseThrow()));
        }
        return new SamTemplates(Collections.unmodifiableMap(map));
    }

    public Optional<SamPolicyTemplate> get(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    public java.util.Set<String> names() {
        return templates.keySet();
    }

    /** See {@link SamPolicyTemplate#expand}. */
    public static Node expand(SamPolicyTemplate template, Map<String, Node> args) {
        for (String p : template.parameters()) {
            if (!args.containsKey(p) || args.get(p) == null) {
                throw new IllegalArgumentException("SAM policy template " + template.name()
                        + " needs parameter '" + p + "'");
            }
        }
        return replace(template.definition(), template.parameters(), args);
    }

    private static Node replace(Node node, List<String> parameters, Map<String, Node> args) {
        if (node instanceof ObjectNode o) {
            if (o.fields().size() == 1 && o.fields().get(0).key().equals("Ref")
                    && o.fields().get(0).value() instanceof ScalarNode s && parameters.contains(s.text())) {
                return args.get(s.text());
            }
            List<ObjectNode.Field> fields = new ArrayList<>(o.fields().size());
            for (ObjectNode.Field f : o.fields()) {
                fields.add(new ObjectNode.Field(f.key(), f.keyLocation(), replace(f.value(), parameters, args)));
            }
            return new ObjectNode(fields, o.duplicateKeys(), o.location(), o.tag());
        }
        if (node instanceof dev.iampreflight.core.tree.ArrayNode a) {
            List<Node> items = new ArrayList<>(a.items().size());
            for (Node n : a.items()) {
                items.add(replace(n, parameters, args));
            }
            return new dev.iampreflight.core.tree.ArrayNode(items, a.location(), a.tag());
        }
        return node;
    }
}
