package dev.iampreflight.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.iampreflight.core.Suggestions;
import dev.iampreflight.core.UserException;
import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.iamdata.ActionResourceType;
import dev.iampreflight.iamdata.ConditionKeyInfo;
import dev.iampreflight.iamdata.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code iam-preflight explain ACTION}: what an IAM action is, from the bundled Service Authorization Reference data.
 * A wildcard ({@code s3:Get*}) lists the actions it matches.
 */
@Command(name = "explain",
        description = {"Describe an IAM action: access level, resource types with their ARN formats, condition keys "
                + "and dependent actions. A pattern with * or ? (s3:Get*) lists the actions it matches.",
                "Data: the AWS Service Authorization Reference as bundled in this build (offline)."},
        mixinStandardHelpOptions = true)
public final class ExplainCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ACTION", description = "An action (dynamodb:UpdateItem) or pattern (s3:Get*).")
    String action;

    @Mixin
    OutputOptions output;

    @Override
    protected void validate() {
        requireFormat(output, OutputFormat.text, OutputFormat.json);
    }

    @Override
    protected ExitCode execute() throws IOException {
        KnowledgeBase kb = KnowledgeBase.bundled();
        String asked = action.trim();
        int colon = asked.indexOf(':');
        if (colon <= 0 || colon == asked.length() - 1) {
            throw new UserException("'" + asked + "' is not an IAM action; write service:Action, "
                    + "e.g. dynamodb:UpdateItem or s3:Get*");
        }
        String service = asked.substring(0, colon);
        String name = asked.substring(colon + 1);
        boolean pattern = asked.indexOf('*') >= 0 || asked.indexOf('?') >= 0;
        if (!(pattern && (service.indexOf('*') >= 0 || service.indexOf('?') >= 0)) && kb.actions(service).isEmpty()) {
            throw new UserException(unknownService(kb, service, name));
        }
        List<ActionInfo> actions;
        if (pattern) {
            actions = kb.expand(asked);
            if (actions.isEmpty()) {
                throw new UserException("'" + asked + "' matches no action of " + service);
            }
        } else {
            Optional<ActionInfo> found = kb.action(asked);
            if (found.isEmpty()) {
                List<String> names = kb.actions(service).stream().map(ActionInfo::fullName).toList();
                throw new UserException("'" + asked + "' is not an action of " + service.toLowerCase(java.util.Locale.ROOT)
                        + Suggestions.didYouMean(asked, names));
            }
            actions = List.of(found.get());
        }
        String report = output.format() == OutputFormat.json ? json(kb, actions)
                : pattern ? listText(asked, actions) : detailText(kb, actions.get(0));
        emit(output, report);
        return ExitCode.OK;
    }

    private static String unknownService(KnowledgeBase kb, String service, String name) {
        Optional<String> iam = kb.iamPrefixForSdk(service);
        if (iam.isPresent()) {
            return "'" + service + "' is an SDK service name, not an IAM service prefix; did you mean '"
                    + iam.get() + ":" + name + "'?";
        }
        List<String> close = Suggestions.closest(service, kb.servicePrefixes(), 1);
        return "'" + service + "' is not an IAM service prefix"
                + (close.isEmpty() ? "" : "; did you mean '" + close.get(0) + ":" + name + "'?");
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
            int width = a.conditionKeys().stream().mapToInt(String::length).max().orElse(0);
            for (String k : a.conditionKeys()) {
                out.println("    " + pad(k, width) + "  " + keyType(kb, k));
            }
        }
        out.println("  Dependent actions: " + (a.dependentActions().isEmpty() ? "none"
                : String.join(", ", a.dependentActions())));
        out.flush();
        return sw.toString();
    }

    private String listText(String asked, List<ActionInfo> actions) {
        StringWriter sw = new StringWriter();
        PrintWriter out = buffer(sw);
        out.println(asked + " matches " + actions.size() + (actions.size() == 1 ? " action:" : " actions:"));
        int width = actions.stream().mapToInt(a -> a.fullName().length()).max().orElse(0);
        for (ActionInfo a : actions) {
            out.println("  " + pad(a.fullName(), width) + "  " + a.accessLevel());
        }
        out.flush();
        return sw.toString();
    }

    private static String json(KnowledgeBase kb, List<ActionInfo> actions) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
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
