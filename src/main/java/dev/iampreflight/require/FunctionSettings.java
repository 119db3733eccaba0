package dev.iampreflight.require;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.DeclaredResource;
import dev.iampreflight.project.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Permissions a Lambda function's execution role needs because of how the function is configured, with no SDK call
 * in its code: the environment's customer managed key ({@link ResourceKeys#environment}) and durable execution.
 */
public final class FunctionSettings {

    /**
     * A durable function's execution role must allow {@code lambda:CheckpointDurableExecution} and
     * {@code lambda:GetDurableExecutionState}, which the durable execution SDK calls on the execution's ARN, a
     * sub-resource of a function version ({@code function:NAME:VERSION/durable-execution/NAME/ID}); a policy that names
     * the unqualified function ARN never matches it. The console adds the permissions; CloudFormation and the CLI do
     * not (Lambda developer guide, "Security and permissions for Lambda durable functions").
     */
    public static final String DURABLE_SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/durable-security.html";

    /** The two actions the durable execution SDK calls with the execution role. */
    public static final List<String> DURABLE_ACTIONS =
            List.of("lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState");

    private FunctionSettings() {
    }

    /** What target {@code function}'s own configuration requires of its execution role. */
    public static List<ResourceKeys.Derived> needs(DeclaredResource function, TargetContext target) {
        if (function.kind() != ResourceKind.LAMBDA_FUNCTION) {
            return List.of();
        }
        List<ResourceKeys.Derived> out = new ArrayList<>();
        ResourceKeys.environment(function, target).ifPresent(out::add);
        function.durableConfig().ifPresent(at -> out.addAll(durable(function, target, at)));
        return out;
    }

    private static List<ResourceKeys.Derived> durable(DeclaredResource function, TargetContext target,
                                                      SourceLocation at) {
        SdkCall call = new SdkCall("lambda", "durable execution", Map.of(), Confidence.HIGH, at, "", "");
        String resource = functionArn(function, target) + ":" + SymbolicValue.UNKNOWN + "/durable-execution/"
                + SymbolicValue.UNKNOWN + "/" + SymbolicValue.UNKNOWN;
        List<ResourceKeys.Derived> out = new ArrayList<>();
        for (String action : DURABLE_ACTIONS) {
            out.add(new ResourceKeys.Derived(new Requirement(action, resource, Map.of(), "the durable execution SDK "
                    + "of " + function.name() + " (it has a durable configuration) checkpoints and reads its state "
                    + "with the execution role, on the ARN of each execution, a sub-resource of a function version: "
                    + "a policy needs the qualified form function:NAME:* (" + DURABLE_SOURCE + ")", call),
                    Optional.empty()));
        }
        return out;
    }

    /** The function's unqualified ARN as declared, or one built from the target's partition, region and account. */
    private static String functionArn(DeclaredResource function, TargetContext target) {
        String[] p = function.arn().split(":", 7);
        if (p.length == 7 && p[0].equals("arn") && p[2].equals("lambda") && p[5].equals("function")
                && !p[6].contains(":")) {
            return function.arn();
        }
        String name = function.attributes().getOrDefault("functionName", SymbolicValue.UNKNOWN);
        return "arn:" + target.effectivePartition().orElse(SymbolicValue.UNKNOWN) + ":lambda:"
                + target.region().orElse(SymbolicValue.UNKNOWN) + ":" + target.account().orElse(SymbolicValue.UNKNOWN)
                + ":function:" + (name.isEmpty() ? SymbolicValue.UNKNOWN : name);
    }
}
