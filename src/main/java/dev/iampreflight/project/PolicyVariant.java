package dev.iampreflight.project;

import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policies a deploy target would have if one input of its configuration took another value: a Terraform
 * variable that decides, through {@code count}, {@code for_each}, a {@code dynamic} block or a {@code null}, whether a
 * policy, attachment or permissions boundary exists.
 *
 * @param input            the input that decides it, e.g. {@code var.enable_s3}
 * @param baseValue        the value the check uses, with where it comes from: {@code true (its default)},
 *                         {@code false (terraform.tfvars)}, {@code not given}
 * @param otherValue       the value of this variant: {@code false}, {@code set (not null)}
 * @param decided          true when the checked value is known (a default or a tfvars file); false when the input has
 *                         no value, so neither case is the deployed one
 * @param byDefault        true when the checked value is the input's own default, not one that the project's variable
 *                         files or the user gave
 * @param difference       what changes, e.g. {@code aws_iam_role_policy_attachment.s3 is not attached}
 * @param identityPolicies the target's identity policies in this variant
 * @param permissionBoundary the target's boundary in this variant
 * @param declaredAt       where the input is declared
 */
public record PolicyVariant(String input, String baseValue, String otherValue, boolean decided, boolean byDefault,
                            String difference, List<AttachedPolicy> identityPolicies,
                            Optional<AttachedPolicy> permissionBoundary, SourceLocation declaredAt) {

    public PolicyVariant {
        Objects.requireNonNull(input, "input");
        identityPolicies = List.copyOf(identityPolicies);
    }

    /** True when every policy of the variant can be evaluated offline. */
    public boolean evaluable() {
        return identityPolicies.stream().allMatch(p -> p.document().isPresent())
                && permissionBoundary.map(p -> p.document().isPresent()).orElse(true);
    }
}
