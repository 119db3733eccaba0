package dev.iampreflight.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.iampreflight.core.UserException;
import dev.iampreflight.iamdata.AccessDeniedMessage;
import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.iamdata.ActionResourceType;
import dev.iampreflight.iamdata.ArnMatch;
import dev.iampreflight.iamdata.ConditionKeyInfo;
import dev.iampreflight.iamdata.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code iam-preflight explain ACTION...}: what an IAM action is, from the bundled Service Authorization Reference
 * data. A wildcard ({@code s3:Get*}) lists the actions it matches; a pasted AccessDenied message is decoded by
 * {@link AccessDeniedMessage} and its action described. Printing only: the lookups are {@link KnowledgeBase}'s.
 */
@Command(name = "explain",
        description = {"Describe an IAM action, list the actions a wildcard matches, or decode an AccessDenied message.",
                "",
                "For an action (dynamodb:UpdateItem): access level, resource types with their ARN formats and whether "
                        + "required, condition keys with their types, dependent actions. For a pattern with * or ? "
                        + "(s3:Get*): the matching actions. For a pasted message ('User: ... is not authorized to "
                        + "perform: A on resource: R because ...'): what was denied, which resource type R is, and A.",
                "Data: the AWS Service Authorization Reference as bundled in this build (offline)."},
        mixinStandardHelpOptions = true)
public final class ExplainCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "ACTION",
            description = "Actions (dynamodb:UpdateItem), patterns (s3:Get*) or one AccessDenied message.")
    List<String> words;

    @Mixin
    OutputOptions.Plain output;

    @Override
    protected void validate() {
    }

    @Override
    protected ExitCode execute() throws IOException {
        KnowledgeBase kb = KnowledgeBase.bundled();
        String text = String.join(" ", words).strip();
        Optional<AccessDeniedMessage> denial = AccessDeniedMessage.parse(text);
        List<String> asked = new ArrayList<>();
        if (denial.isPresent()) {
            asked.add(denial.get().action());
        } else if (words.size() > 1 && words.stream().allMatch(w -> ACTION_LIKE.matcher(w).matches())) {
            asked.addAll(words);
        } else if (text.contains(" ")) {
            throw new UserException("'" + abbreviate(text) + "' is neither an IAM action nor an AccessDenied message "
                    + "('... is not authorized to perform: service:Action ...')");
        } else {
            asked.add(text);
        }
        // Look every argument up before printing anything, so a typo in the third one prints nothing half-done.
        List<List<ActionInfo>> found = new ArrayList<>();
        for (String a : asked) {
            found.add(lookUp(kb, a));
        }
        List<ActionInfo> all = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < asked.size(); i++) {
            all.addAll(found.get(i));
            if (output.format() == OutputFormat.text) {
                if (i > 0) {
                    report.append(System.lineSeparator());
                }
                boolean pattern = isPattern(asked.get(i));
                report.append(pattern ? listText(asked.get(i), found.get(i))
                        : denial.map(d -> denialText(kb, d)).orElse("") + detailText(kb, found.get(i).get(0)));
            }
        }
        emit(output, output.format() == OutputFormat.json ? json(kb, all, denial) : report.toString());
        return ExitCode.OK;
    }

    private static final java.util.regex.Pattern ACTION_LIKE = java.util.regex.Pattern.compile("[\\w*?-]+:[\\w*?]+");

    private static boolean isPattern(String action) {
        return action.indexOf('*') >= 0 || action.indexOf('?') >= 0;
    }

    /** The action, or the actions a pattern matches; a UserException naming what is wrong otherwise. */
    private static List<ActionInfo> lookUp(KnowledgeBase kb, String asked) {
        int colon = asked.indexOf(':');
        if (colon <= 0 || colon == asked.length() - 1) {
            throw new UserException("'" + asked + "' is not an IAM action; write service:Action, "
                    + "e.g. dynamodb:UpdateItem or s3:Get*");
        }
        String service = asked.substring(0, colon);
        boolean pattern = isPattern(asked);
        if (!(pattern && isPattern(service)) && kb.actions(service).isEmpty()) {
            throw new UserException(unknownService(kb, asked, service));
        }
        if (pattern) {
            List<ActionInfo> actions = kb.expand(asked);
            if (actions.isEmpty()) {
                throw new UserException("'" + asked + "' matches no action of " + service);
            }
            return actions;
        }
        Optional<ActionInfo> found = kb.action(asked);
        if (found.isEmpty()) {
            throw new UserException("'" + asked + "' is not an action of " + service.toLowerCase(java.util.Locale.ROOT)
                    + didYouMean(kb.closestActions(asked, 1)));
        }
        return List.of(found.get());
    }

    private static String unknownService(KnowledgeBase kb, String asked, String service) {
        String sdk = kb.iamPrefixForSdk(service).isPresent()
                ? " is an SDK service name, not an IAM service prefix" : " is not an IAM service prefix";
        return "'" + service + "'" + sdk + didYouMean(kb.closestActions(asked, 1));
    }

    private static String didYouMean(List<String> closest) {
        return closest.isEmpty() ? "" : "; did you mean '" + closest.get(0) + "'?";
    }

    private String detailText(KnowledgeBase kb, ActionInfo a) {
        Console c = console();
        StringWriter sw = new StringWriter();
        PrintWriter out = buffer(sw);
        String serviceName = kb.serviceName(a.service()).map(n -> " (" + n + ")").orElse("");
        out.println(c.style(Console.BOLD, a.fullName()) + serviceName);
        out.println("  Access level: " + a.accessLevel());
        if (a.wildcardOnly()) {
            out.println("  Resource types: none; only \"Resource\": \"*\" grants this action");
        } else {
            out.println("  Resource types:");
            for (ActionResourceType rt : a.resourceTypes()) {
                out.println("    " + rt.name() + (rt.required() ? " (required)" : " (optional)"));
                for (String f : rt.arnFormats()) {
                    out.println("      " + c.style(Console.DIM, f));
                }
            }
        }
        if (a.conditionKeys().isEmpty()) {
            out.println("  Condition keys: none besides the global aws: keys");
        } else {
            out.println("  Condition keys:");
            int width = 0;
            for (String k : a.conditionKeys()) {
                width = Math.max(width, k.length());
            }
            for (String k : a.conditionKeys()) {
                out.println("    " + pad(k, width) + "  " + keyType(kb, k));
            }
        }
        out.println("  Dependent actions: " + (a.dependentActions().isEmpty() ? "none"
                : String.join(", ", a.dependentActions())));
        out.flush();
        return sw.toString();
    }

    private String denialText(KnowledgeBase kb, AccessDeniedMessage d) {
        Console c = console();
        StringWriter sw = new StringWriter();
        PrintWriter out = buffer(sw);
        out.println(c.style(Console.RED, "Denied: ") + d.action() + d.resource().map(r -> " on " + r).orElse(""));
        d.principal().ifPresent(p -> out.println("  Principal: " + p));
        d.reason().ifPresent(r -> out.println("  Reason: " + r));
        d.resource().ifPresent(r -> {
            List<ArnMatch> types = kb.resourceTypesOf(r);
            out.println("  Resource type: " + (types.isEmpty() ? "not recognised"
                    : types.get(0).resourceType() + " of " + types.get(0).service() + " ("
                    + types.get(0).arnFormat() + ")"));
        });
        out.println();
        out.flush();
        return sw.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private String listText(String asked, List<ActionInfo> actions) {
        StringWriter sw = new StringWriter();
        PrintWriter out = buffer(sw);
        out.println(asked + " matches " + actions.size() + (actions.size() == 1 ? " action:" : " actions:"));
        int width = 0;
        for (ActionInfo a : actions) {
            width = Math.max(width, a.fullName().length());
        }
        for (ActionInfo a : actions) {
            out.println("  " + pad(a.fullName(), width) + "  " + a.accessLevel());
        }
        out.flush();
        return sw.toString();
    }

    private static String json(KnowledgeBase kb, List<ActionInfo> actions, Optional<AccessDeniedMessage> denial)
            throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            if (denial.isPresent()) {
                AccessDeniedMessage d = denial.get();
                g.writeObjectFieldStart("denied");
                g.writeStringField("action", d.action());
                g.writeStringField("resource", d.resource().orElse(null));
                g.writeStringField("principal", d.principal().orElse(null));
                g.writeStringField("reason", d.reason().orElse(null));
                List<ArnMatch> types = d.resource().map(kb::resourceTypesOf).orElse(List.of());
                g.writeStringField("resourceType", types.isEmpty() ? null : types.get(0).resourceType());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("actions");
            for (ActionInfo a : actions) {
                g.writeStartObject();
                g.writeStringField("name", a.fullName());
                g.writeStringField("accessLevel", a.accessLevel());
                g.writeArrayFieldStart("resourceTypes");
                for (ActionResourceType rt : a.resourceTypes()) {
                    g.writeStartObject();
                    g.writeStringField("name", rt.name());
                    g.writeArrayFieldStart("arnFormats");
                    for (String f : rt.arnFormats()) {
                        g.writeString(f);
                    }
                    g.writeEndArray();
                    g.writeBooleanField("required", rt.required());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("conditionKeys");
                for (String k : a.conditionKeys()) {
                    g.writeStartObject();
                    g.writeStringField("name", k);
                    g.writeStringField("type", keyType(kb, k));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("dependentActions");
                for (String d : a.dependentActions()) {
                    g.writeString(d);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return sw + System.lineSeparator();
    }

    private static String keyType(KnowledgeBase kb, String key) {
        return kb.conditionKey(key).map(ConditionKeyInfo::type).orElse("unknown");
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
