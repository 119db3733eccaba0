package dev.iampreflight.iamdata;

import dev.iampreflight.core.tree.Node;

import java.util.List;
import java.util.Map;

/**
 * An AWS SAM policy template (e.g. {@code DynamoDBCrudPolicy}): its parameters and its definition, a policy document
 * tree that still holds {@code {"Ref": "<Parameter>"}} and pseudo-parameter intrinsics.
 */
public record SamPolicyTemplate(String name, String description, List<String> parameters, Node definition) {
    public SamPolicyTemplate {
        parameters = List.copyOf(parameters);
    }

    /**
     * The definition with every {@code {"Ref": P}} of a template parameter replaced by {@code args.get(P)} (a value
     * or an intrinsic of the user's template, left for the CloudFormation resolver). Intrinsics that name pseudo
     * parameters ({@code AWS::Region}, ...) are kept. Throws IllegalArgumentException naming a missing parameter.
     */
    public Node expand(Map<String, Node> args) {
        return dev.iampreflight.iamdata.internal.SamTemplates.expand(this, args);
    }
}
