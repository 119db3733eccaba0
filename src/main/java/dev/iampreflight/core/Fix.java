package dev.iampreflight.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A suggested fix for a missing permission: the least-privilege Allow statement ({@code actions} on
 * {@code resources}), the same statement rendered for each kind of file a user may paste it into, and the policy file
 * it should be written to when the tool can write it there itself (a Chalice or plain JSON policy file).
 *
 * <p>{@code statementJson} is the statement as a JSON object ({@code {"Effect":"Allow","Action":[...],...}}).
 * Build fixes with {@code dev.iampreflight.fix.Fixes#allow}, which renders every snippet consistently.
 */
public record Fix(String description, List<String> actions, List<String> resources, String statementJson,
                  Map<SnippetFormat, String> snippets, Optional<String> policyFile) {

    /** The kinds of file a statement can be pasted into. */
    public enum SnippetFormat {
        /** A JSON policy document, as in a Chalice {@code .chalice/policy-<stage>.json} file. */
        JSON("json", "json"),
        /** A statement in a CloudFormation/SAM YAML template ({@code PolicyDocument.Statement} list item). */
        CLOUDFORMATION_YAML("cloudformation-yaml", "yaml"),
        /** A statement in a CloudFormation/SAM JSON template. */
        CLOUDFORMATION_JSON("cloudformation-json", "json"),
        /** A {@code statement} block of a Terraform {@code aws_iam_policy_document} data source. */
        TERRAFORM("terraform", "hcl");

        private final String id;
        private final String fence;

        SnippetFormat(String id, String fence) {
            this.id = id;
            this.fence = fence;
        }

        /** The key used in JSON output. */
        public String id() {
            return id;
        }

        /** The language name for a markdown code fence. */
        public String fence() {
            return fence;
        }
    }

    public Fix {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(statementJson, "statementJson");
        description = Printable.escape(description);
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        snippets = snippets.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(snippets));
        policyFile = policyFile == null ? Optional.empty() : policyFile;
    }

    public Optional<String> snippet(SnippetFormat format) {
        return Optional.ofNullable(snippets.get(format));
    }
}
