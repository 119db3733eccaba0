package dev.iampreflight.check.internal;

import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.Finding;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.TargetKind;
import dev.iampreflight.report.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which calls of a Chalice app belong to which Lambda function, and which calls chalice's own policy generator
 * cannot see.
 *
 * <p>Every Chalice function of a stage ships the same code, but each runs only its own handlers. A call written in
 * the body of a decorated function belongs to the Lambda function that decorator makes (every route to
 * {@code api_handler}, {@code @app.schedule} to its own, ...); a call in a helper or at module level belongs to every
 * function, since any of them may reach it. This over-approximates shared helpers, never under-reports.
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
     * The calls chalice's generator (which reads only {@code app.py} and follows only clients made with
     * {@code boto3.client(...)}: chalice/analyzer.py) will not put into the policy it generates, so they are denied at
     * run time.
     */
    public static List<Finding> autogenMisses(DeployTarget t, List<SdkCall> calls) {
        List<Finding> out = new ArrayList<>();
        for (SdkCall c : calls) {
            String file = c.location().file();
            boolean inAppPy = file.equals("app.py") || file.endsWith("/app.py");
            boolean directClient = "client".equals(c.via()) && c.confidence() == dev.iampreflight.code.Confidence.HIGH;
            if (inAppPy && directClient && !c.enclosingFunction().contains(".")) {
                continue;
            }
            String why = !inAppPy ? "it is not in app.py" : !"client".equals(c.via())
                    ? "it goes through " + c.via() + ", which the generator does not follow"
                    : "the generator cannot tell the receiver is a boto3 client";
            out.add(new Finding(Rule.CHALICE_AUTOGEN_MISS.id(), Rule.CHALICE_AUTOGEN_MISS.severity(),
                    c.service() + "." + c.operation() + " will be denied at run time for " + t.name()
                            + ": chalice generates this stage's policy from the code, and " + why
                            + "; set autogen_policy to false and write the policy, or call the client in app.py",
                    c.location()).withTarget(t.name()));
        }
        return out;
    }
}
