package dev.iampreflight.rules.resources;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.policy.Effect;
import java.util.Set;

@RuleInfo(id = "IAM2208", name = "action-resource-mismatch", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An action is allowed only on resources of a type it does not act on",
        help = "Each action acts on certain resource types: s3:ListBucket on a bucket (arn:aws:s3:::my-bucket), "
                + "s3:GetObject on an object (arn:aws:s3:::my-bucket/*). When none of a statement's resources is of "
                + "a type the action acts on, the statement grants the action nothing: s3:ListBucket on "
                + "arn:aws:s3:::my-bucket/* is denied. Add a resource of the right type. Resource types and ARN "
                + "formats from the Service Authorization Reference: "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html")
public final class ActionResourceMismatch extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            List<LocatedString> resources = PolicyText.resources(s);
            if (s.effect() != Effect.ALLOW || resources.isEmpty()) {
                continue;
            }
            // Only ARNs whose service the data knows: for any other value (*, an unknown part) nothing is claimed.
            if (resources.stream().anyMatch(r -> PolicyText.unknown(r.value()) || PolicyText.arn(r.value()).isEmpty()
                    || !Arns.literal(r.value().split(":", 6)[2])
                    || kb.resourceTypesWithArnService(r.value().split(":", 6)[2]).isEmpty())) {
                continue;
            }
            for (LocatedString a : PolicyText.actions(s)) {
                if (PolicyText.hasWildcard(a.value()) || PolicyText.unknown(a.value())) {
                    continue;
                }
                Optional<ActionInfo> info = kb.action(a.value());
                if (info.isEmpty() || info.get().wildcardOnly()) {
                    continue;
                }
                Set<String> wanted = ResourceTypes.formatsOf(info.get());
                if (wanted.isEmpty()) {
                    continue;
                }
                if (resources.stream().noneMatch(r -> wanted.stream().anyMatch(f -> ArnGlobs.intersects(r.value(),
                        f)))) {
                    out.add(finding(a.location(), "'" + a.value() + "' acts on " + ResourceTypes.describe(info.get())
                            + ", but no resource of " + s.label() + " is one ("
                            + String.join(", ", resources.stream().map(LocatedString::value).toList())
                            + "), so the statement does not grant it"));
                }
            }
        }
        return out;
    }
}
