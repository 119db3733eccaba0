package dev.iampreflight.rules.principals;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleInfo(id = "IAM2412", name = "redundant-assumed-role-principal", severity = Severity.NOTE,
        category = Category.PRINCIPALS,
        summary = "A principal names an assumed-role session of a role the same statement names",
        help = "arn:aws:sts::123456789012:assumed-role/Deploy/ci names one session of the role "
                + "arn:aws:iam::123456789012:role/Deploy; when the statement also names the role, every session of "
                + "it is already a principal and the session entry adds nothing (Access Analyzer: \"Suggestion - "
                + "Redundant principal in role trust policy\"). Sources: "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-role-session, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class RedundantAssumedRolePrincipal extends LintRule {
    static final Pattern ROLE = Pattern.compile("arn:([^:]+):iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    static final Pattern SESSION = Pattern.compile("arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/.+");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            List<LocatedString> values = s.principal().map(p -> p.values(Principal.AWS)).orElse(List.of());
            Set<String> roles = new HashSet<>();
            for (LocatedString v : values) {
                Matcher m = ROLE.matcher(v.value());
                if (!PolicyText.hasWildcard(v.value()) && m.matches()) {
                    roles.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
                }
            }
            for (LocatedString v : values) {
                Matcher m = SESSION.matcher(v.value());
                if (m.matches() && roles.contains(m.group(1) + ":" + m.group(2) + ":" + m.group(3))) {
                    out.add(finding(v.location(), "'" + v.value() + "' is a session of the role " + m.group(3)
                            + ", which " + s.label() + " already names; remove the session entry"));
                }
            }
        }
        return out;
    }
}
