package dev.iampreflight.iac.cloudformation.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partition a template is written for, when every ARN it writes literally names the same partition and that
 * partition is not {@code aws}: a China ({@code arn:aws-cn:...}) or GovCloud ({@code arn:aws-us-gov:...}) template
 * checked with the default partition would have each of its statements dismissed for the partition alone, so every
 * call would look denied. One literal {@code arn:aws:} anywhere, or ARNs of two partitions, and nothing is inferred.
 * The walk visits each node once.
 */
public final class WrittenPartition {

    private static final Pattern ARN = Pattern.compile("\\barn:(aws[a-z-]*):");

    /** The partition and the first place that writes it. */
    public record Written(String partition, SourceLocation at) {
    }

    private WrittenPartition() {
    }

    public static Optional<Written> of(Node root) {
        Map<String, SourceLocation> seen = new LinkedHashMap<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n instanceof ObjectNode o) {
                for (int i = o.fields().size() - 1; i >= 0; i--) {
                    todo.push(o.fields().get(i).value());
                }
            } else if (n instanceof ArrayNode a) {
                for (int i = a.items().size() - 1; i >= 0; i--) {
                    todo.push(a.items().get(i));
                }
            } else if (n instanceof ScalarNode s && s.isString()) {
                Matcher m = ARN.matcher(s.text());
                while (m.find()) {
                    seen.putIfAbsent(m.group(1), s.location());
                }
            }
        }
        if (seen.size() != 1 || seen.containsKey("aws")) {
            return Optional.empty();
        }
        Map.Entry<String, SourceLocation> only = seen.entrySet().iterator().next();
        return Optional.of(new Written(only.getKey(), only.getValue()));
    }
}
