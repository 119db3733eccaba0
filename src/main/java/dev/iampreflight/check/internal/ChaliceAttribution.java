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

import java.util.ArrayList;
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
     * {@code handlers} maps the app's decorated Python functions to the Lambda function each becomes
     * ({@link dev.iampreflight.iac.chalice.ChaliceReader#handlerFunctions}).
     */
    public static boolean belongsTo(DeployTarget t, Map<String, String> handlers, SdkCall call) {
        if (t.kind() != TargetKind.CHALICE) {
            return true;
        }
        String owner = handlers.get(topFunction(call.enclosingFunction()));
        return owner == null || owner.equals(t.function().orElse(""));
    }

    private static String topFunction(String enclosing) {
        if (enclosing == null) {
            return "";
        }
        int dot = enclosing.indexOf('.');
        return dot < 0 ? enclosing : enclosing.substring(0, dot);
    }

    /**
     * Whether chalice's generator (which reads only {@code app.py}, follows only clients made with
     * {@code boto3.client(...)} and does not visit nested functions: chalice/analyzer.py) puts this call's action into
     * the policy it generates.
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
     * the primary action of every call it sees, on every resource; a call it cannot see, or a parameter-dependent
     * extra action of one it sees ({@code s3:PutObjectAcl} for {@code ACL=}), is missing unless another visible call
     * brings the same action. Certain misses (a HIGH-confidence call outside app.py or through a boto3 resource, or an
     * extra action) are errors; misses that depend on how the generator reads a receiver are warnings.
     *
     * <p>{@code calls} are the calls the function runs; {@code appCalls} those any function of the app runs: every
     * function of the stage shares the one role whose policy chalice generates from the whole app.py
     * (chalice/analyzer.py {@code get_client_calls_for_app}, chalice/deploy/appgraph.py's shared default role), so a
     * call another function makes in app.py grants its action to this one too.
     */
    public static List<Finding> autogenMisses(DeployTarget t, List<SdkCall> calls, List<SdkCall> appCalls,
                                              RequirementMapper mapper, TargetContext ctx) {
        Set<String> granted = new HashSet<>();
        for (SdkCall c : appCalls) {
            if (visibleToGenerator(c)) {
                mapper.actionsFor(c.service(), c.operation())
                        .ifPresent(actions -> actions.forEach(a -> granted.add(a.toLowerCase(Locale.ROOT))));
            }
        }
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (SdkCall c : calls) {
            boolean visible = visibleToGenerator(c);
            for (Requirement req : mapper.requirements(c, ctx)) {
                if (granted.contains(req.action().toLowerCase(Locale.ROOT))
                        || !reported.add(req.action() + "|" + req.resource() + "|" + c.location())) {
                    continue;
                }
                String why;
                boolean certain;
                if (visible) {
                    why = "the generator grants only the call's own action, not " + req.action() + " (" + req.why()
                            + ")";
                    certain = true;
                } else if (!inAppPy(c)) {
                    why = "the generator reads only app.py and this call is in " + c.location().file();
                    certain = c.confidence() == Confidence.HIGH;
                } else if (c.via() != null && c.via().startsWith("resource")) {
                    why = "it goes through a boto3 " + c.via() + ", which the generator does not follow";
                    certain = c.confidence() == Confidence.HIGH;
                } else if (!"client".equals(c.via())) {
                    why = "it goes through " + c.via() + ", which the generator may not follow";
                    certain = false;
                } else {
                    why = "the generator may not tell the receiver is a boto3 client";
                    certain = false;
                }
                if (c.confidence() == Confidence.LOW) {
                    why += " (and the call was matched by its method name only: the receiver's type was not "
                            + "inferred, so it may not be an AWS call at all)";
                }
                out.add(new Finding(Rule.CHALICE_AUTOGEN_MISS.id(), certain ? Severity.ERROR : Severity.WARNING,
                        "'" + req.action() + "' on '" + req.resource() + "' " + (certain ? "will" : "may")
                                + " be denied at run time for " + t.name() + ": chalice generates this stage's "
                                + "policy from the code, and " + why + "; set autogen_policy to false and write the "
                                + "policy, or call the client in app.py", c.location())
                        .withTarget(t.name()).withRequest(req.action(), req.resource()));
            }
        }
        return out;
    }
}
