package dev.iampreflight.rules;

import dev.iampreflight.core.Severity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A lint rule's metadata, on the rule class (as error-prone's {@code @BugPattern}): id in IAM2000-IAM2999 whose
 * hundreds give the {@link Category}, a kebab-case name, a one-line summary without a trailing period, the default
 * severity, and the help text that {@code iam-preflight rules ID} prints, citing the AWS page the rule's facts come
 * from. {@code RuleRegistryTest} checks every rule's metadata.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    String id();

    String name();

    String summary();

    Severity severity();

    Category category();

    String help();
}
