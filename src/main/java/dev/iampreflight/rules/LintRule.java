package dev.iampreflight.rules;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iamdata.KnowledgeBase;

import java.util.List;
import java.util.Objects;

/**
 * A lint rule: pure, a policy (or the {@link ProjectFacts} of a directory) in and findings out (no printing, no file
 * access). The metadata is the class's
 * {@link RuleInfo}; {@link LintRules} lists every rule explicitly.
 */
public abstract class LintRule {

    private final RuleInfo info;

    protected LintRule() {
        info = Objects.requireNonNull(getClass().getAnnotation(RuleInfo.class),
                getClass().getName() + " has no @RuleInfo");
    }

    public final RuleInfo info() {
        return info;
    }

    public final String id() {
        return info.id();
    }

    /** The findings of this rule on one policy; {@code List.of()} when there is nothing to say. */
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        return List.of();
    }

    /**
     * The findings of this rule on what a project's deploy files and code say beyond their policies (the incident
     * lints: API definitions, authorizer code); {@code List.of()} for the policy rules.
     */
    public List<Finding> check(ProjectFacts facts, KnowledgeBase kb) {
        return List.of();
    }

    /** A finding of this rule at its default severity (the config file may change it later). */
    protected final Finding finding(SourceLocation at, String message) {
        return new Finding(info.id(), info.severity(), message, at);
    }
}
