package dev.iampreflight.check.internal;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.report.Rule;
import dev.iampreflight.require.Requirement;
import dev.iampreflight.require.RequirementMapper;
import dev.iampreflight.require.TargetContext;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iac.chalice.ChaliceReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Which calls of a Chalice app belong to which Lambda function when reachability cannot tell, and which calls
 * chalice's own policy generator cannot see.
 *
 * <p>Every Chalice function of a stage ships the same code, but each runs only its own handlers. {@code TargetCode}
 * charges a function what its handlers reach; when that cannot be computed (app.py or the handlers not found in the
 * scanned code), a call written in the body of a decorated function belongs to the Lambda function that decorator
 * makes (every route to {@code api_handler}, {@code @app.schedule} to its own, ...) and a call in a helper or at
 * module level belongs to every function, since any of them may reach it.
 */
public final class ChaliceAttribution {

    private ChaliceAttribution() {
    }

    /**
     * Whether {@code call} runs under target {@code t} (always true for targets other than Chalice's).
     * {@code handlers} maps the app's decorated Python functions ({@code file#function}, the file relative to the
     * project root) to the Lambda function each becomes ({@link dev.iampreflight.iac.chalice.ChaliceReader#handlerFunctions}).
     */
    public static boolean belongsTo(DeployTarget t, Map<String, ChaliceReader.Owner> handlers, SdkCall call) {
        if (t.kind() != TargetKind.CHALICE) {
            return true;
        }
        ChaliceReader.Owner owner = handlers.get(call.location().file() + "#" + topFunction(call.enclosingFunction()));
        return owner == null || owns(owner, t);
    }

    /**
     * Whether the decorated function {@code owner} is (part of) target {@code t}. A computed name is evaluated per
     * stage, one function per loop element: those functions share the handler, which tells them apart.
     */
    public static boolean owns(ChaliceReader.Owner owner, DeployTarget t) {
        return owner.computed() ? owner.handler().equals(t.handler().orElse(""))
                : owner.function().equals(t.function().orElse(""));
    }

    private static String topFunction(String enclosing) {
        if (enclosing == null) {
            return "";
        }
        int dot = enclosing.indexOf('.');
        return dot < 0 ? enclosing : enclosing.substring(0, dot);
    }

    /**
     * chalice's policy generator as the project installs it: the app.py it reads ({@code appPy}, relative to the
     * project root), what the generator of that release sees there, and how the release was chosen ({@code said},
     * e.g. "chalice 1.21.0 (requirements.txt:3)"). {@code websocket}: the app has websocket handlers, so chalice adds
     * execute-api:ManageConnections to the generated policy (chalice/deploy/deployer.py
     * {@code WebsocketPolicyInjector}, constants.py {@code POST_TO_WEBSOCKET_CONNECTION_POLICY}).
     */
    public record Generator(String appPy, ChaliceGenerator.Result result, ChaliceGenerator.Version version,
                            String said, Optional<SourceLocation> pinnedAt, boolean websocket) {
    }

    /** Reads the app.py of the app in {@code appDir} and models the generator of the release the project pins. */
    public static Optional<Generator> generator(Path root, Path appDir, boolean websocket) {
        Path appPy = appDir.resolve("app.py");
        String source;
        try {
            source = Files.readString(appPy, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Optional<ChaliceReader.ChaliceVersion> pin = ChaliceReader.pinnedVersion(root, appDir);
        ChaliceGenerator.Version v = ChaliceGenerator.Version.LATEST;
        String said = "the latest chalice (the project does not pin it)";
        if (pin.isPresent()) {
            ChaliceReader.ChaliceVersion p = pin.get();
            String where = p.at().file() + ":" + p.at().line();
            if (p.exact().isPresent()) {
                v = ChaliceGenerator.Version.parse(p.exact().get()).orElse(v);
                said = "chalice " + p.exact().get() + " (" + where + ")";
            } else if (p.below().isPresent()) {
                // pip installs the newest release the range allows: the one just below its upper bound.
                v = ChaliceGenerator.Version.parse(p.below().get()).map(ChaliceAttribution::justBelow).orElse(v);
                said = "the newest chalice below " + p.below().get() + " ('" + p.requirement() + "', " + where + ")";
            } else {
                said = "the latest chalice ('" + p.requirement() + "', " + where + ")";
            }
        }
        String rel = dev.iampreflight.project.internal.DisplayPaths.rel(root, appPy);
        return Optional.of(new Generator(rel, ChaliceGenerator.analyze(source, v), v, said,
                pin.map(ChaliceReader.ChaliceVersion::at), websocket));
    }

    private static ChaliceGenerator.Version justBelow(ChaliceGenerator.Version v) {
        if (v.patch() > 0) {
            return new ChaliceGenerator.Version(v.major(), v.minor(), v.patch() - 1);
        }
        if (v.minor() > 0) {
            return new ChaliceGenerator.Version(v.major(), v.minor() - 1, 999);
        }
        return new ChaliceGenerator.Version(Math.max(0, v.major() - 1), 999, 999);
    }

    /**
     * Whether chalice's generator, as the heuristic without a model of it says (it reads only {@code app.py}, follows
     * only clients made with {@code boto3.client(...)} and does not visit nested functions: chalice/analyzer.py), puts
     * this call's action into the policy it generates. Used when app.py cannot be modelled.
     */
    public static boolean visibleToGenerator(SdkCall c) {
        return inAppPy(c) && "client".equals(c.via()) && c.confidence() == Confidence.HIGH
                && !c.enclosingFunction().contains(".");
    }

    /** Whether the call is written in the app's {@code app.py}, the only file chalice's generator reads. */
    private static boolean inAppPy(SdkCall c) {
        String file = c.location().file();
        return file.equals("app.py") || file.endsWith("/app.py");
    }

    /**
     * The permissions chalice's generator will not grant, so they are denied at run time. The generated policy allows
     * the primary action of every client call it sees in app.py, on every resource; a call it does not see, or a
     * parameter-dependent extra action of one it sees ({@code s3:PutObjectAcl} for {@code ACL=}), is missing unless
     * another call it sees brings the same action. With a model of the project's chalice release ({@code gen}), what
     * it certainly misses is an error; what depends on something the model cannot know (the Python version chalice
     * runs on, a call matched by its method name only) is a warning. Without one (app.py unreadable, or the analyzer
     * itself fails on it), the misses that depend on how the generator reads a receiver are warnings.
     *
     * <p>{@code calls} are the calls the function runs; {@code appCalls} those any function of the app runs: every
     * function of the stage shares the one role whose policy chalice generates from the whole app.py
     * (chalice/analyzer.py {@code get_client_calls_for_app}, chalice/deploy/appgraph.py's shared default role), so a
     * call another function makes in app.py grants its action to this one too.
     */
    public static List<Finding> autogenMisses(DeployTarget t, List<SdkCall> calls, List<SdkCall> appCalls,
                                              Optional<Generator> gen, RequirementMapper mapper,
                                              TargetContext ctx) {
        List<Finding> out = new ArrayList<>();
        Optional<Generator> model = gen.filter(g -> !g.result().unreadable() && g.result().failure().isEmpty());
        gen.flatMap(g -> g.result().failure().map(f -> Map.entry(g, f))).ifPresent(e -> out.add(new Finding(
                Rule.CHALICE_AUTOGEN_MISS.id(), Severity.WARNING, "the policy generator of " + e.getKey().said()
                        + " stops on this line (" + e.getValue().error() + "), so `chalice deploy` of " + t.name()
                        + " fails before it writes the role's policy; restructure this code or set autogen_policy to "
                        + "false and write the policy", new SourceLocation(e.getKey().appPy(), e.getValue().line(), 1))
                .withTarget(t.name())));
        Set<String> granted = new HashSet<>();
        if (model.isPresent()) {
            for (ChaliceGenerator.Seen s : model.get().result().seen()) {
                mapper.actionsFor(s.service(), s.method())
                        .ifPresent(actions -> actions.forEach(a -> granted.add(a.toLowerCase(Locale.ROOT))));
            }
            if (model.get().websocket()) {
                granted.add("execute-api:manageconnections");
            }
        } else {
            for (SdkCall c : appCalls) {
                if (visibleToGenerator(c)) {
                    mapper.actionsFor(c.service(), c.operation())
                            .ifPresent(actions -> actions.forEach(a -> granted.add(a.toLowerCase(Locale.ROOT))));
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (SdkCall c : calls) {
            Verdict v = model.map(g -> modelled(g, c)).orElseGet(() -> heuristic(c));
            for (Requirement req : mapper.requirements(c, ctx)) {
                if (req.optional() || granted.contains(req.action().toLowerCase(Locale.ROOT))
                        || !reported.add(req.action() + "|" + req.resource() + "|" + c.location())) {
                    continue;
                }
                String why = v.visible ? "the generator grants only the call's own action, not " + req.action()
                        + " (" + req.why() + ")" : v.why;
                boolean certain = v.certain;
                if (req.onlyWhen().isPresent()) {
                    // Needed only under a condition not known offline (a customer managed key, a canned ACL S3 may
                    // not check): a warning that names it, as for any other role (Requirement.onlyWhen).
                    certain = false;
                    why += " (needed only if " + req.onlyWhen().get() + ")";
                }
                if (c.confidence() == Confidence.LOW) {
                    certain = false;
                    String uncertain = c.whyUncertain();
                    why += " (" + Character.toLowerCase(uncertain.charAt(0))
                            + uncertain.substring(1).replaceFirst("\\.$", "") + ")";
                }
                String release = model.map(g -> " with the generator of " + g.said()).orElse("");
                out.add(new Finding(Rule.CHALICE_AUTOGEN_MISS.id(), certain ? Severity.ERROR : Severity.WARNING,
                        "'" + req.action() + "' on '" + req.resource() + "' " + (certain ? "will" : "may")
                                + " be denied at run time for " + t.name() + ": chalice generates this stage's "
                                + "policy from app.py" + release + ", and " + why + "; set autogen_policy to false "
                                + "and write the policy, or call the client in app.py where the generator sees it",
                        c.location()).withTarget(t.name()).withRequest(req.action(), req.resource()));
            }
        }
        return out;
    }

    /** Whether the generator sees a call (then only its extra actions can be missing), and if not whether surely. */
    private record Verdict(boolean visible, boolean certain, String why) {
    }

    /** The verdict of the model of the project's chalice release. */
    private static Verdict modelled(Generator g, SdkCall c) {
        if (!c.location().file().equals(g.appPy())) {
            return new Verdict(false, true, "the generator reads only app.py and this call is in "
                    + c.location().file());
        }
        ChaliceGenerator.Result r = g.result();
        if (r.sees(c.location().line(), c.location().column(), c.operation())) {
            return new Verdict(true, true, "");
        }
        if (r.uncertain().contains(c.location().line())) {
            return new Verdict(false, false, "whether the generator sees a call inside a comprehension in a function "
                    + "depends on the Python chalice runs on (3.12 and later inline comprehensions, PEP 709)");
        }
        String via = c.via() == null ? "client" : c.via();
        String why;
        if (via.startsWith("resource")) {
            why = "it goes through a boto3 " + via + ", which the generator does not follow";
        } else if (via.startsWith("paginator") || via.startsWith("waiter")) {
            why = "it goes through a " + via.split(" ")[0] + ", and the generator sees only get_" + via.split(" ")[0]
                    + ", which grants nothing";
        } else if (!via.equals("client")) {
            why = "it goes through " + via + ", which the generator does not follow";
        } else if (c.enclosingFunction() != null && c.enclosingFunction().contains(".")) {
            why = "it is written in a nested function or a method (" + c.enclosingFunction() + "), which the "
                    + "generator does not analyse with the module's names";
        } else {
            why = "its generator does not see this call (it follows boto3.client('<service>') clients in the "
                    + "functions decorated as views and those they call by name"
                    + (g.version().compareTo(ChaliceGenerator.Version.CHANGES.get(3)) < 0
                    ? "; before 1.22.1 only what is defined above each view)" : ")");
        }
        return new Verdict(false, true, why);
    }

    /** The verdict without a model: certain only where no reading of a receiver could make the generator see it. */
    private static Verdict heuristic(SdkCall c) {
        if (visibleToGenerator(c)) {
            return new Verdict(true, true, "");
        }
        if (!inAppPy(c)) {
            return new Verdict(false, c.confidence() == Confidence.HIGH, "the generator reads only app.py and this "
                    + "call is in " + c.location().file());
        }
        if (c.via() != null && c.via().startsWith("resource")) {
            return new Verdict(false, c.confidence() == Confidence.HIGH, "it goes through a boto3 " + c.via()
                    + ", which the generator does not follow");
        }
        if (!"client".equals(c.via())) {
            return new Verdict(false, false, "it goes through " + c.via() + ", which the generator may not follow");
        }
        return new Verdict(false, false, "the generator may not tell the receiver is a boto3 client");
    }
}
