package dev.iampreflight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.UserException;
import dev.iampreflight.policy.Condition;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.policy.ValueList;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.core.SymbolicValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code iam-preflight targets [DIR]}: lists the deploy targets discovered under a directory. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "List the deploy targets found under DIR (Chalice stages x functions, CloudFormation/SAM "
                + "functions, Terraform Lambda functions and EC2 instances, Terraform plan JSON): principal, identity "
                + "policies with their file and line, boundary, environment, code and handler; and the resource "
                + "policies declared next to them.")
public final class TargetsCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Directory to search (default: the current directory).")
    Path dir;

    @Mixin
    OutputOptions.Plain output;

    @Mixin
    ProjectOptionsMixin project;

    static final String LOOKED_FOR = "looked for Chalice projects (.chalice/config.json), CloudFormation/SAM "
            + "templates (*.yaml, *.yml, *.json, *.template), Terraform configurations (*.tf), plan JSON "
            + "(terraform show -json) and Serverless Framework services (serverless.yml)";

    @Override
    protected void validate() {
        if (!Files.isDirectory(dir)) {
            throw new UserException("'" + dir + "' is not a directory");
        }
        project.validate();
    }

    @picocli.CommandLine.Option(names = "--config", paramLabel = "FILE",
            description = "Read the configuration from FILE instead of the nearest .iam-preflight.yml.")
    Path config;

    @Override
    protected ExitCode execute() {
        // The config file fills in what the options leave open (account, region, variables, Terraform var files and
        // workspace) and gives the code of targets whose deploy files do not show it, exactly as for check, so that
        // the targets listed are the ones check reads.
        dev.iampreflight.config.ConfigLoader.Loaded loaded = dev.iampreflight.config.ConfigLoader.loadFor(dir,
                Optional.ofNullable(config));
        List<Finding> findings = new java.util.ArrayList<>(loaded.findings());
        dev.iampreflight.check.ConfigScopes scopes = new dev.iampreflight.check.ConfigScopes(dir, loaded.config(),
                this.project.toProjectOptions(), findings);
        Project discovered = scopes.discover();
        findings.addAll(discovered.findings());
        List<DeployTarget> targets = dev.iampreflight.check.ConfiguredTargets.apply(dir, scopes,
                discovered.targets(), findings);
        Project project = new Project(discovered.root(), targets, discovered.resourcePolicies(), findings,
                discovered.resources(), discovered.roles(), discovered.inputs(), discovered.reads());
        Console c = console();
        if (output.format() == OutputFormat.json) {
            emit(output, json(project));
        } else {
            for (Finding f : project.findings()) {
                c.err().println(f);
            }
            c.err().flush();
            if (!project.targets().isEmpty() || !project.resourcePolicies().isEmpty()) {
                emit(output, text(project, c, verbosity != null && verbosity.verbosity() > 0));
            }
        }
        if (project.targets().isEmpty()) {
            c.err().println("iam-preflight: error: no deploy target found under '" + dir + "'; " + LOOKED_FOR);
            c.err().flush();
            return ExitCode.USAGE;
        }
        return ExitCode.OK;
    }

    // ---- text -------------------------------------------------------------------------------------------------

    private static String text(Project p, Console c, boolean verbose) {
        java.io.StringWriter sw = new java.io.StringWriter();
        PrintWriter w = buffer(sw);
        w.println(c.style(Console.BOLD, "Deploy targets (" + p.targets().size() + ")"));
        for (DeployTarget t : p.targets()) {
            w.println();
            w.println(c.style(Console.BOLD, t.name()) + "  [" + t.kind().label() + "]  " + at(t.declaredIn()));
            w.println("  principal:   " + t.principal());
            if (t.stage().isPresent()) {
                w.println("  stage:       " + t.stage().get() + "    function: " + t.function().orElse("-"));
            } else if (t.function().isPresent()) {
                w.println("  function:    " + t.function().get());
            }
            if (t.handler().isPresent() || !t.codeRoots().isEmpty()) {
                w.println("  handler:     " + t.handler().orElse("-") + "    code: "
                        + (t.codeRoots().isEmpty() ? "-" : String.join(", ", t.codeRoots())));
            }
            t.inlineCode().ifPresent(ic -> w.println("  code:        inline at " + ic.at().file() + ":" + ic.at().line()));
            t.codeNotChecked().ifPresent(why -> w.println("  code:        not checked: " + why));
            w.println("  policies:");
            if (t.identityPolicies().isEmpty()) {
                w.println("    (none: the principal has no identity policy here)");
            }
            for (AttachedPolicy a : t.identityPolicies()) {
                w.println("    - " + describe(a));
            }
            t.permissionBoundary().ifPresent(b -> w.println("  boundary:    " + describe(b)));
            if (!t.environment().isEmpty()) {
                w.println("  environment:");
                t.environment().forEach((k, v) -> w.println("    " + k + " = " + v.value()));
            }
        }
        if (verbose && !p.inputs().isEmpty()) {
            // Which file or option set each input: the answer to "why does it read this value?"
            w.println();
            w.println(c.style(Console.BOLD, "Inputs (" + p.inputs().size() + ")"));
            String scope = null;
            for (dev.iampreflight.project.InputValue in : p.inputs()) {
                if (!in.scope().equals(scope)) {
                    scope = in.scope();
                    w.println("  " + scope + ":");
                }
                w.println("    " + in.name() + " = " + in.value() + "    (" + in.source() + ")");
            }
        }
        if (!p.resourcePolicies().isEmpty()) {
            w.println();
            w.println(c.style(Console.BOLD, "Resource policies (" + p.resourcePolicies().all().size() + ")"));
            for (ResourcePolicy r : p.resourcePolicies().all()) {
                w.println("  " + r.resourceArn() + "  [" + r.kind().label() + "]  " + r.name() + "  "
                        + at(r.source()) + "  (" + statements(r.document()) + ")");
            }
        }
        w.flush();
        return sw.toString();
    }

    private static String statements(PolicyDocument d) {
        int n = d.statements().size();
        return n + (n == 1 ? " statement" : " statements");
    }

    private static String describe(AttachedPolicy a) {
        String what = switch (a.origin()) {
            case CHALICE_GENERATED -> "chalice generates this policy from the code at deploy time";
            case IN_AWS -> "document lives in AWS; not checked offline";
            default -> a.document().map(TargetsCommand::statements).orElse("document could not be read");
        };
        return a.name() + "  (" + a.origin().label() + "; " + what + ")  " + at(a.source());
    }

    private static String at(SourceLocation l) {
        return l.line() > 0 ? l.file() + ":" + l.line() : l.file();
    }

    // ---- json -------------------------------------------------------------------------------------------------

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static String json(Project p) {
        ObjectNode root = F.objectNode();
        ArrayNode targets = root.putArray("targets");
        for (DeployTarget t : p.targets()) {
            ObjectNode o = targets.addObject();
            o.put("name", t.name());
            o.put("kind", t.kind().label());
            o.put("principal", t.principal());
            putOptional(o, "stage", t.stage());
            putOptional(o, "function", t.function());
            ArrayNode ps = o.putArray("identityPolicies");
            t.identityPolicies().forEach(a -> ps.add(attached(a)));
            o.set("permissionBoundary", t.permissionBoundary().map(b -> (JsonNode) attached(b)).orElse(F.nullNode()));
            ObjectNode env = o.putObject("environment");
            t.environment().forEach((k, v) -> env.put(k, v.value()));
            ArrayNode roots = o.putArray("codeRoots");
            t.codeRoots().forEach(roots::add);
            putOptional(o, "handler", t.handler());
            putOptional(o, "codeNotChecked", t.codeNotChecked());
            t.inlineCode().ifPresent(c -> o.set("inlineCode", location(c.at())));
            putOptional(o, "account", t.account());
            putOptional(o, "region", t.region());
            putOptional(o, "partition", t.partition());
            o.set("declaredIn", location(t.declaredIn()));
        }
        ArrayNode rps = root.putArray("resourcePolicies");
        for (ResourcePolicy r : p.resourcePolicies().all()) {
            ObjectNode o = rps.addObject();
            o.put("resource", r.resourceArn());
            o.put("kind", r.kind().label());
            o.put("name", r.name());
            o.set("source", location(r.source()));
            o.set("document", document(r.document()));
        }
        ArrayNode fs = root.putArray("findings");
        for (Finding f : p.findings()) {
            ObjectNode o = fs.addObject();
            o.put("ruleId", f.ruleId());
            o.put("severity", f.severity().label());
            o.put("message", f.message());
            o.set("location", location(f.location()));
        }
        root.put("unknownMarker", SymbolicValue.UNKNOWN);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putOptional(ObjectNode o, String key, Optional<String> v) {
        if (v.isPresent()) {
            o.put(key, v.get());
        } else {
            o.putNull(key);
        }
    }

    private static ObjectNode attached(AttachedPolicy a) {
        ObjectNode o = F.objectNode();
        o.put("name", a.name());
        o.put("origin", a.origin().label());
        putOptional(o, "reference", a.reference());
        o.set("source", location(a.source()));
        o.set("document", a.document().map(d -> (JsonNode) document(d)).orElse(F.nullNode()));
        return o;
    }

    private static ObjectNode location(SourceLocation l) {
        ObjectNode o = F.objectNode();
        o.put("file", l.file());
        o.put("line", l.line());
        if (l.column() > 0) {
            o.put("column", l.column());
        }
        return o;
    }

    /** The policy as IAM JSON (values as written, after intrinsics and interpolation were resolved). */
    static ObjectNode document(PolicyDocument d) {
        ObjectNode o = F.objectNode();
        d.version().ifPresent(v -> o.put("Version", v.value()));
        d.id().ifPresent(v -> o.put("Id", v.value()));
        ArrayNode sts = o.putArray("Statement");
        for (Statement s : d.statements()) {
            ObjectNode so = sts.addObject();
            s.sid().ifPresent(v -> so.put("Sid", v.value()));
            so.put("Effect", s.effect().json());
            s.principal().ifPresent(pr -> so.set(pr.negated() ? "NotPrincipal" : "Principal", principal(pr)));
            values(so, s.actions(), "Action", "NotAction");
            s.resources().ifPresent(r -> values(so, r, "Resource", "NotResource"));
            if (!s.condition().isEmpty()) {
                ObjectNode cond = so.putObject("Condition");
                for (Condition c : s.condition().conditions()) {
                    ObjectNode op = cond.has(c.operator().value()) ? (ObjectNode) cond.get(c.operator().value())
                            : cond.putObject(c.operator().value());
                    ArrayNode vs = op.putArray(c.key().value());
                    c.values().forEach(v -> vs.add(v.value()));
                }
            }
        }
        return o;
    }

    private static void values(ObjectNode so, ValueList v, String positive, String negative) {
        ArrayNode a = so.putArray(v.negated() ? negative : positive);
        for (LocatedString s : v.values()) {
            a.add(s.value());
        }
    }

    private static JsonNode principal(Principal p) {
        if (p.anyone()) {
            return F.textNode("*");
        }
        ObjectNode o = F.objectNode();
        p.byType().forEach((type, vs) -> {
            ArrayNode a = o.putArray(type);
            vs.forEach(v -> a.add(v.value()));
        });
        return o;
    }
}
