package dev.iampreflight.iac.cloudformation.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.project.internal.Nodes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The parts of a template the resolver needs: parameters, mappings, conditions and resources by logical id. */
public record Template(String file, ObjectNode root, Map<String, ObjectNode> parameters,
                       Map<String, Resource> resources, Optional<ObjectNode> mappings,
                       Optional<ObjectNode> conditions, boolean serverless) {

    /** One resource: logical id, Type, Properties (empty object when absent) and its Condition name. */
    public record Resource(String id, String type, ObjectNode properties, Optional<String> condition,
                           SourceLocation location, ObjectNode node) {
    }

    public static Template of(String file, ObjectNode root) {
        Map<String, ObjectNode> params = new LinkedHashMap<>();
        Nodes.childObject(root, "Parameters").ifPresent(p -> p.fields()
                .forEach(f -> Nodes.object(f.value()).ifPresent(o -> params.put(f.key(), o))));
        Map<String, Resource> resources = new LinkedHashMap<>();
        Nodes.childObject(root, "Resources").ifPresent(r -> {
            for (ObjectNode.Field f : r.fields()) {
                if (f.value() instanceof ObjectNode o) {
                    String type = Nodes.string(o, "Type").orElse("");
                    ObjectNode props = Nodes.childObject(o, "Properties")
                            .orElse(ObjectNode.of(java.util.List.of(), o.location()));
                    resources.put(f.key(), new Resource(f.key(), type, props, Nodes.string(o, "Condition"),
                            f.keyLocation(), o));
                }
            }
        });
        boolean serverless = false;
        Optional<Node> transform = root.get("Transform");
        if (transform.isPresent()) {
            String t = transform.get().toString();
            serverless = t.contains("AWS::Serverless");
        }
        return new Template(file, root, params, resources, Nodes.childObject(root, "Mappings"),
                Nodes.childObject(root, "Conditions"), serverless);
    }
}
