package dev.iampreflight.project;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.SymbolicValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that runs code under an IAM principal: a Chalice function in a stage, a SAM or CloudFormation Lambda
 * function, a Terraform Lambda function or EC2 instance.
 *
 * @param name               e.g. {@code chalice:dev:api_handler}, {@code sam:OrdersFunction},
 *                           {@code tf:aws_lambda_function.orders}
 * @param principal          the role ARN pattern, {@code {?}} for unknown segments
 * @param identityPolicies   in the order they were attached
 * @param environment        environment variable name to (possibly partly unknown) value
 * @param codeRoots          directories or files holding the code, relative to the project root, '/'-separated
 * @param handler            e.g. {@code app.app} or {@code orders.handler}; a container task that runs several
 *                           entry points (a state machine's states override its command with different scripts)
 *                           has them all, joined by {@link #ENTRY_SEPARATOR}
 * @param account            the account id when known (from options or the IaC)
 * @param declaredIn         where the target was declared
 * @param codeNotChecked     why the target's code is not scanned, when the IaC shows it cannot be (its runtime is not
 *                           Python, its container image is built elsewhere); a note says so instead of charging it
 *                           the code beside its declaration
 * @param inlineCode         Python source written in the IaC itself (SAM {@code InlineCode}, CloudFormation
 *                           {@code Code.ZipFile}), scanned as the target's only code
 * @param policyVariants     the policies it would have with another value of an input that decides whether a policy
 *                           or boundary exists (Terraform {@code count = var.enable_x ? 1 : 0}); empty for most
 * @param image              the container image it runs, when it runs one (an ECS task, a Batch job, an image
 *                           function); with no code roots and no handler, its code is not in the project
 * @param environmentComplete whether {@code environment} is every variable the deploy file gives the function (no
 *                           merge from a source the reader cannot read, no key it cannot resolve): then a variable
 *                           not in it, nor set by the runtime, is absent ({@link
 *                           dev.iampreflight.core.RuntimeEnvironment})
 */
public record DeployTarget(String name, TargetKind kind, String principal, Optional<String> stage,
                           Optional<String> function, List<AttachedPolicy> identityPolicies,
                           Optional<AttachedPolicy> permissionBoundary, Map<String, SymbolicValue.Pattern> environment,
                           List<String> codeRoots, Optional<String> handler, Optional<String> account,
                           Optional<String> region, Optional<String> partition, SourceLocation declaredIn,
                           Optional<String> codeNotChecked, Optional<InlineCode> inlineCode,
                           List<PolicyVariant> policyVariants, Optional<String> image,
                           boolean environmentComplete) {

    /** Joins the entry points of a target that has several ({@link #entries}). */
    public static final String ENTRY_SEPARATOR = ", ";

    /**
     * The handler of a target that runs each of {@code entries}: them all, joined (read back by {@link #entries}),
     * when every one is known; empty when one is not, or when there are none.
     */
    public static Optional<String> joinEntries(List<Optional<String>> entries) {
        return !entries.isEmpty() && entries.stream().allMatch(Optional::isPresent)
                ? Optional.of(String.join(ENTRY_SEPARATOR, entries.stream().map(Optional::get).distinct().toList()))
                : Optional.empty();
    }

    /** The entry points its handler names: one for most targets, several for a task run with several commands. */
    public List<String> entries() {
        return handler.map(h -> List.of(h.split(java.util.regex.Pattern.quote(ENTRY_SEPARATOR)))).orElse(List.of());
    }

    /** A target whose environment is not known whole. */
    public DeployTarget(String name, TargetKind kind, String principal, Optional<String> stage,
                        Optional<String> function, List<AttachedPolicy> identityPolicies,
                        Optional<AttachedPolicy> permissionBoundary, Map<String, SymbolicValue.Pattern> environment,
                        List<String> codeRoots, Optional<String> handler, Optional<String> account,
                        Optional<String> region, Optional<String> partition, SourceLocation declaredIn,
                        Optional<String> codeNotChecked, Optional<InlineCode> inlineCode,
                        List<PolicyVariant> policyVariants, Optional<String> image) {
        this(name, kind, principal, stage, function, identityPolicies, permissionBoundary, environment, codeRoots,
                handler, account, region, partition, declaredIn, codeNotChecked, inlineCode, policyVariants, image,
                false);
    }

    /** A target whose code is found from its code roots and handler (the common case). */
    public DeployTarget(String name, TargetKind kind, String principal, Optional<String> stage,
                        Optional<String> function, List<AttachedPolicy> identityPolicies,
                        Optional<AttachedPolicy> permissionBoundary, Map<String, SymbolicValue.Pattern> environment,
                        List<String> codeRoots, Optional<String> handler, Optional<String> account,
                        Optional<String> region, Optional<String> partition, SourceLocation declaredIn) {
        this(name, kind, principal, stage, function, identityPolicies, permissionBoundary, environment, codeRoots,
                handler, account, region, partition, declaredIn, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }

    /** A target the IaC says how to scan (or not): its runtime, its inline code. */
    public DeployTarget(String name, TargetKind kind, String principal, Optional<String> stage,
                        Optional<String> function, List<AttachedPolicy> identityPolicies,
                        Optional<AttachedPolicy> permissionBoundary, Map<String, SymbolicValue.Pattern> environment,
                        List<String> codeRoots, Optional<String> handler, Optional<String> account,
                        Optional<String> region, Optional<String> partition, SourceLocation declaredIn,
                        Optional<String> codeNotChecked, Optional<InlineCode> inlineCode) {
        this(name, kind, principal, stage, function, identityPolicies, permissionBoundary, environment, codeRoots,
                handler, account, region, partition, declaredIn, codeNotChecked, inlineCode, List.of(),
                Optional.empty());
    }

    /** A target whose policies depend on an input, or that runs a container image. */
    public DeployTarget(String name, TargetKind kind, String principal, Optional<String> stage,
                        Optional<String> function, List<AttachedPolicy> identityPolicies,
                        Optional<AttachedPolicy> permissionBoundary, Map<String, SymbolicValue.Pattern> environment,
                        List<String> codeRoots, Optional<String> handler, Optional<String> account,
                        Optional<String> region, Optional<String> partition, SourceLocation declaredIn,
                        List<PolicyVariant> policyVariants, Optional<String> image) {
        this(name, kind, principal, stage, function, identityPolicies, permissionBoundary, environment, codeRoots,
                handler, account, region, partition, declaredIn, Optional.empty(), Optional.empty(), policyVariants,
                image);
    }

    public DeployTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(principal, "principal");
        identityPolicies = List.copyOf(identityPolicies);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        codeRoots = List.copyOf(codeRoots);
        Objects.requireNonNull(codeNotChecked, "codeNotChecked");
        Objects.requireNonNull(inlineCode, "inlineCode");
        policyVariants = List.copyOf(policyVariants);
        Objects.requireNonNull(image, "image");
    }

    /** The same target with the policies it would have for other values of its inputs. */
    public DeployTarget withPolicyVariants(List<PolicyVariant> variants) {
        return new DeployTarget(name, kind, principal, stage, function, identityPolicies, permissionBoundary,
                environment, codeRoots, handler, account, region, partition, declaredIn, codeNotChecked, inlineCode,
                variants, image, environmentComplete);
    }

    /** The same target under another name (discovery qualifies names that two projects share). */
    public DeployTarget withName(String newName) {
        return new DeployTarget(newName, kind, principal, stage, function, identityPolicies, permissionBoundary,
                environment, codeRoots, handler, account, region, partition, declaredIn, codeNotChecked, inlineCode,
                policyVariants, image, environmentComplete);
    }

    /** The same target, its environment known whole or not ({@link #environmentComplete}). */
    public DeployTarget withEnvironmentComplete(boolean complete) {
        return new DeployTarget(name, kind, principal, stage, function, identityPolicies, permissionBoundary,
                environment, codeRoots, handler, account, region, partition, declaredIn, codeNotChecked, inlineCode,
                policyVariants, image, complete);
    }

    /**
     * The same target running {@code roots} from {@code entry} (given by the user's config): what the deploy files
     * said about its code (inline code, a reason it is not checked) gives way.
     */
    public DeployTarget withCode(List<String> roots, Optional<String> entry) {
        return new DeployTarget(name, kind, principal, stage, function, identityPolicies, permissionBoundary,
                environment, roots, entry, account, region, partition, declaredIn, Optional.empty(), Optional.empty(),
                policyVariants, image, environmentComplete);
    }

    /** The same target whose code the deploy files show cannot be scanned, and why. */
    public DeployTarget withCodeNotChecked(String why) {
        return new DeployTarget(name, kind, principal, stage, function, identityPolicies, permissionBoundary,
                environment, codeRoots, handler, account, region, partition, declaredIn, Optional.of(why), inlineCode,
                policyVariants, image, environmentComplete);
    }

    /** True when some identity policy's document cannot be known offline. */
    public boolean hasUnknowablePolicies() {
        return identityPolicies.stream().anyMatch(AttachedPolicy::documentUnknowable);
    }
}
