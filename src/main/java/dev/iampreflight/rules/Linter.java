package dev.iampreflight.rules;

import dev.iampreflight.core.Finding;
import dev.iampreflight.iamdata.KnowledgeBase;

import java.util.ArrayList;
import java.util.List;

/** Runs every registered lint rule over a list of policies. */
public final class Linter {

    private final KnowledgeBase kb;
    private final List<LintRule> rules;

    public Linter(KnowledgeBase kb) {
        this(kb, LintRules.all());
    }

    public Linter(KnowledgeBase kb, List<LintRule> rules) {
        this.kb = kb;
        this.rules = List.copyOf(rules);
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public List<Finding> lint(List<LintedPolicy> policies) {
        List<Finding> out = new ArrayList<>();
        for (LintedPolicy p : policies) {
            for (LintRule r : rules) {
                out.addAll(r.check(p, kb));
            }
        }
        return out;
    }

    /** The incident lints' findings on what a directory's deploy files and code say beyond their policies. */
    public List<Finding> lint(ProjectFacts facts) {
        List<Finding> out = new ArrayList<>();
        for (LintRule r : rules) {
            out.addAll(r.check(facts, kb));
        }
        return out;
    }
}
