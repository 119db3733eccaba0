package dev.iampreflight.rules.incidents;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.ProjectFacts;
import dev.iampreflight.rules.ProjectFacts.KeyUse;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RuleInfo(id = "IAM2707", name = "cross-account-key-not-trusted",
        summary = "A KMS key policy in another account does not trust the account whose functions use the key",
        severity = Severity.ERROR, category = Category.INCIDENTS,
        help = "A resource encrypted with a customer managed KMS key (an S3 bucket's SSE-KMS key, an SQS queue's "
                + "KmsMasterKeyId, an SSM SecureString's KeyId) can be read only by principals the key allows "
                + "kms:Decrypt. For a key in another account, both the key policy and the caller's IAM policy must "
                + "allow it, and the key policy grants nothing to an account it does not name "
                + "(https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts."
                + "html). When the key policy is in the project (or given in the config file's "
                + "`resource-policies`) and no Allow statement for kms:Decrypt names the account of the project's "
                + "functions (its root, the account id, a principal of that account, or `*`), every read of the "
                + "resource by those functions is denied. Conditions and NotPrincipal are read as trusting (the "
                + "lint does not decide them). Reported only when the functions' account is known (`--account-id`, "
                + "the config file, or a role ARN) and differs from the key's.")
public final class CrossAccountKeyNotTrusted extends LintRule {

    @Override
    public List<Finding> check(ProjectFacts facts, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (KeyUse use : facts.keyUses()) {
            Map<String, List<String>> untrusted = new LinkedHashMap<>();
            use.users().forEach((target, account) -> {
                if (!trusts(use, account)) {
                    untrusted.computeIfAbsent(account, k -> new ArrayList<>()).add(target);
                }
            });
            untrusted.forEach((account, targets) -> out.add(new Finding(id(), info().severity(), "the policy of "
                    + "KMS key " + use.keyArn() + " allows kms:Decrypt to no principal of account " + account
                    + ", where " + String.join(", ", targets) + (targets.size() == 1 ? " runs" : " run")
                    + ": reads of " + use.resource() + " that need the key are denied; add a statement allowing "
                    + "arn:aws:iam::" + account + ":root (or their roles) kms:Decrypt", use.policyAt(),
                    List.of(new RelatedLocation(use.usedAt(), use.resource() + " is encrypted with the key here")))));
        }
        return out;
    }

    private static boolean trusts(KeyUse use, String account) {
        for (Statement s : use.keyPolicy().statements()) {
            if (s.effect() != Effect.ALLOW || s.principal().isEmpty()) {
                continue;
            }
            boolean decrypt = s.actions().negated()
                    || s.actions().strings().stream().anyMatch(a -> PolicyText.unknown(a)
                    || PolicyText.covers(a, "kms:Decrypt"));
            if (!decrypt) {
                continue;
            }
            Principal p = s.principal().get();
            if (p.negated() || p.anyone()) {
                return true;
            }
            for (LocatedString v : p.values(Principal.AWS)) {
                String text = v.value();
                if (text.equals("*") || text.equals(account) || PolicyText.unknown(text)
                        || text.matches("arn:aws[a-z-]*:iam::" + account + ":.*")) {
                    return true;
                }
            }
        }
        return false;
    }
}
