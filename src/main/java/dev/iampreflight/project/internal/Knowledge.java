package dev.iampreflight.project.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.iamdata.SamPolicyTemplate;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.PolicyOrigin;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The readers' door to the bundled knowledge base (AWS managed policies, SAM policy templates). A knowledge base that
 * cannot be loaded is reported once per use as a finding, never as a crash: the target then says its policy is
 * unknown.
 */
public final class Knowledge {

    /** AWS managed policies live in the reserved account "aws": arn:PARTITION:iam::aws:policy/PATH/NAME. */
    private static final Pattern AWS_MANAGED = Pattern.compile("arn:[^:]*:iam::aws:policy/.+");

    private Knowledge() {
    }

    public static Optional<KnowledgeBase> base() {
        try {
            return Optional.of(KnowledgeBase.bundled());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    public static boolean isAwsManagedArn(String arn) {
        return AWS_MANAGED.matcher(arn).matches();
    }

    /**
     * A managed policy named by ARN (or, as SAM allows, by bare AWS managed policy name) that is not declared in the
     * same IaC: resolved from the bundled data when AWS manages it, else marked as living in AWS.
     */
    public static AttachedPolicy managed(String arnOrName, SourceLocation at, List<Finding> findings) {
        boolean awsManaged = isAwsManagedArn(arnOrName) || !arnOrName.startsWith("arn:");
        if (awsManaged && !arnOrName.contains(SymbolicValueMarks.UNKNOWN)) {
            Optional<KnowledgeBase> kb = base();
            if (kb.isEmpty()) {
                findings.add(new Finding(InfraRules.KNOWLEDGE_BASE_UNAVAILABLE, Severity.WARNING,
                        "the bundled knowledge base could not be loaded, so AWS managed policy '" + arnOrName
                                + "' is not expanded", at));
            } else {
                Optional<PolicyDocument> doc;
                try {
                    doc = kb.get().managedPolicy(arnOrName);
                } catch (RuntimeException e) {
                    doc = Optional.empty();
                }
                if (doc.isPresent()) {
                    return new AttachedPolicy(arnOrName, PolicyOrigin.AWS_MANAGED, doc, Optional.of(arnOrName), at);
                }
                findings.add(new Finding(InfraRules.MANAGED_POLICY_IN_AWS, Severity.NOTE,
                        "managed policy '" + arnOrName + "' is not in the bundled AWS managed policies; its document "
                                + "lives in AWS and is not checked offline", at));
                return AttachedPolicy.absent(arnOrName, PolicyOrigin.IN_AWS, Optional.of(arnOrName), at);
            }
        } else {
            findings.add(new Finding(InfraRules.MANAGED_POLICY_IN_AWS, Severity.NOTE,
                    "managed policy '" + arnOrName + "' is not declared in this project; its document lives in AWS "
                            + "and is not checked offline", at));
        }
        return AttachedPolicy.absent(arnOrName, PolicyOrigin.IN_AWS, Optional.of(arnOrName), at);
    }

    /** A SAM policy template by name, or empty (with a finding) when it cannot be had. */
    public static Optional<SamPolicyTemplate> samTemplate(String name, SourceLocation at, List<Finding> findings) {
        Optional<KnowledgeBase> kb = base();
        if (kb.isEmpty()) {
            findings.add(new Finding(InfraRules.KNOWLEDGE_BASE_UNAVAILABLE, Severity.WARNING,
                    "the bundled knowledge base could not be loaded, so SAM policy template '" + name
                            + "' is not expanded", at));
            return Optional.empty();
        }
        try {
            Optional<SamPolicyTemplate> t = kb.get().samPolicyTemplate(name);
            if (t.isEmpty()) {
                String hint;
                try {
                    hint = dev.iampreflight.core.Suggestions.didYouMean(name, kb.get().samPolicyTemplateNames());
                } catch (RuntimeException e) {
                    hint = "";
                }
                findings.add(new Finding(InfraRules.CFN_BAD_SAM_TEMPLATE, Severity.ERROR,
                        "'" + name + "' is not an AWS SAM policy template" + hint, at));
            }
            return t;
        } catch (RuntimeException e) {
            findings.add(new Finding(InfraRules.KNOWLEDGE_BASE_UNAVAILABLE, Severity.WARNING,
                    "SAM policy template '" + name + "' could not be read from the knowledge base: " + e.getMessage(),
                    at));
            return Optional.empty();
        }
    }

    /** Expands a template; a missing parameter becomes a finding and an empty result. */
    public static Optional<Node> expand(SamPolicyTemplate t, java.util.Map<String, Node> args, SourceLocation at,
                                        List<Finding> findings) {
        try {
            return Optional.of(t.expand(args));
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(InfraRules.CFN_BAD_SAM_TEMPLATE, Severity.ERROR,
                    "SAM policy template '" + t.name() + "': " + e.getMessage() + "; it takes "
                            + (t.parameters().isEmpty() ? "no parameters ({})" : String.join(", ", t.parameters())),
                    at));
        } catch (RuntimeException e) {
            findings.add(new Finding(InfraRules.KNOWLEDGE_BASE_UNAVAILABLE, Severity.WARNING,
                    "SAM policy template '" + t.name() + "' could not be expanded: " + e.getMessage(), at));
        }
        return Optional.empty();
    }

    private static final class SymbolicValueMarks {
        static final String UNKNOWN = dev.iampreflight.core.SymbolicValue.UNKNOWN;
    }
}
