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
import dev.iampreflight.policy.Effect;

@RuleInfo(id = "IAM2210", name = "parameters-by-path-children-only", severity = Severity.WARNING,
        category = Category.RESOURCES,
        summary = "GetParametersByPath is allowed on the children of an SSM path but not on the path",
        help = "Parameter Store authorizes GetParametersByPath against the path in the request, not the parameters "
                + "it returns. A statement allowing it on arn:aws:ssm:...:parameter/app/* does not cover a request "
                + "for the path /app (whose ARN is parameter/app), which is denied. Add the path's own ARN. "
                + "Source: https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-retrieval-authorization.html")
public final class ParametersByPathChildrenOnly extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.effect() != Effect.ALLOW || PolicyText.actions(s).stream().noneMatch(a ->
                    PolicyText.covers(a.value(), "ssm:GetParametersByPath") && !a.value().equals("*")
                            && !a.value().toLowerCase(Locale.ROOT).equals("ssm:*"))) {
                continue;
            }
            List<LocatedString> resources = PolicyText.resources(s);
            for (LocatedString r : resources) {
                String v = r.value();
                int at = v.indexOf(":parameter/");
                if (!v.startsWith("arn:") || at < 0 || !v.endsWith("/*") || PolicyText.unknown(v)) {
                    continue;
                }
                String path = v.substring(0, v.length() - 2);
                if (path.indexOf('*') >= 0 || path.endsWith(":parameter")) {
                    continue;
                }
                boolean pathCovered = resources.stream().anyMatch(o -> !o.value().equals(v)
                        && PolicyText.plainMatch(o.value(), path));
                if (!pathCovered) {
                    out.add(finding(r.location(), "ssm:GetParametersByPath is authorized on the requested path, so '"
                            + v + "' does not allow reading the path '" + path.substring(at + ":parameter".length())
                            + "' itself; add '" + path + "'"));
                }
            }
        }
        return out;
    }
}
