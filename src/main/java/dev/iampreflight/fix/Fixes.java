package dev.iampreflight.fix;

import dev.iampreflight.core.Fix;
import dev.iampreflight.core.Fix.SnippetFormat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Builds {@link Fix}es: one least-privilege Allow statement, rendered for every kind of file it may go into. */
public final class Fixes {

    private Fixes() {
    }

    /**
     * A fix that allows {@code actions} on {@code resources}; {@code policyFile} names the JSON policy file the
     * statement belongs in when the tool may write it there ({@code check --fix}).
     */
    public static Fix allow(String description, List<String> actions, List<String> resources,
                            Optional<String> policyFile) {
        List<String> a = List.copyOf(new LinkedHashSet<>(actions));
        List<String> r = List.copyOf(new LinkedHashSet<>(resources));
        if (a.isEmpty() || r.isEmpty()) {
            throw new IllegalArgumentException("a fix needs at least one action and one resource");
        }
        Map<SnippetFormat, String> snippets = new EnumMap<>(SnippetFormat.class);
        String json = json(a, r, "");
        snippets.put(SnippetFormat.JSON, json);
        snippets.put(SnippetFormat.CLOUDFORMATION_YAML, cloudFormationYaml(a, r));
        snippets.put(SnippetFormat.CLOUDFORMATION_JSON, json);
        snippets.put(SnippetFormat.TERRAFORM, terraform(a, r));
        return new Fix(description, a, r, compactJson(a, r), snippets, policyFile);
    }

    /** The statement as one line of JSON, for machine-readable output. */
    static String compactJson(List<String> actions, List<String> resources) {
        return "{\"Effect\":\"Allow\",\"Action\":" + compactArray(actions) + ",\"Resource\":"
                + compactArray(resources) + "}";
    }

    private static String compactArray(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(JsonText.quote(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A statement object as a JSON policy would hold it, two-space indented, each line after the first prefixed. */
    static String json(List<String> actions, List<String> resources, String prefix) {
        String in = prefix + "  ";
        return "{\n"
                + in + "\"Effect\": \"Allow\",\n"
                + in + "\"Action\": " + jsonArray(actions, in) + ",\n"
                + in + "\"Resource\": " + jsonArray(resources, in) + "\n"
                + prefix + "}";
    }

    private static String jsonArray(List<String> values, String prefix) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < values.size(); i++) {
            sb.append(prefix).append("  ").append(JsonText.quote(values.get(i)))
                    .append(i + 1 < values.size() ? ",\n" : "\n");
        }
        return sb.append(prefix).append(']').toString();
    }

    /** A list item for {@code PolicyDocument: Statement:} in a CloudFormation or SAM YAML template. */
    static String cloudFormationYaml(List<String> actions, List<String> resources) {
        StringBuilder sb = new StringBuilder("- Effect: Allow\n  Action:\n");
        for (String a : actions) {
            sb.append("    - ").append(yamlScalar(a)).append('\n');
        }
        sb.append("  Resource:\n");
        for (String r : resources) {
            sb.append("    - ").append(yamlScalar(r)).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static final Pattern YAML_PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_./${}][A-Za-z0-9_./:${}*?=+@-]*");

    /**
     * A YAML scalar for an action or ARN: plain when it is safe (ARNs' colons are fine as long as no space follows),
     * single-quoted otherwise, e.g. {@code '*'} (a leading {@code *} would start an alias) or values with spaces.
     */
    static String yamlScalar(String s) {
        boolean reserved = s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") || s.equalsIgnoreCase("null")
                || s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("no") || s.equals("~");
        if (!reserved && YAML_PLAIN_SAFE.matcher(s).matches() && !s.endsWith(":")) {
            return s;
        }
        return "'" + s.replace("'", "''") + "'";
    }

    /** A {@code statement} block for a Terraform {@code data "aws_iam_policy_document"}. */
    static String terraform(List<String> actions, List<String> resources) {
        return "statement {\n"
                + "  effect    = \"Allow\"\n"
                + "  actions   = " + hclList(actions) + "\n"
                + "  resources = " + hclList(resources) + "\n"
                + "}";
    }

    private static String hclList(List<String> values) {
        List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add(hclString(v));
        }
        if (values.size() == 1) {
            return "[" + quoted.get(0) + "]";
        }
        StringBuilder sb = new StringBuilder("[\n");
        for (String q : quoted) {
            sb.append("    ").append(q).append(",\n");
        }
        return sb.append("  ]").toString();
    }

    /**
     * A Terraform string literal. IAM policy variables such as {@code ${aws:username}} must be written
     * {@code $${aws:username}} so Terraform does not read them as its own interpolation (the Terraform docs for
     * aws_iam_policy_document say so), and {@code %{} likewise becomes {@code %%{}.
     */
    static String hclString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean brace = i + 1 < s.length() && s.charAt(i + 1) == '{';
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '$' -> sb.append(brace ? "$$" : "$");
                case '%' -> sb.append(brace ? "%%" : "%");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
