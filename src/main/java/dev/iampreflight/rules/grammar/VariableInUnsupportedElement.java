package dev.iampreflight.rules.grammar;

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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleInfo(id = "IAM2009", name = "variable-in-unsupported-element", severity = Severity.ERROR,
        category = Category.GRAMMAR,
        summary = "A policy variable is used in Action, NotAction, Principal or NotPrincipal",
        help = "IAM substitutes policy variables such as ${aws:username} only in the Resource element and in string "
                + "comparisons of the Condition element; in Action or Principal the text is taken literally, so the "
                + "value matches no action or names no principal (Access Analyzer: \"Error - Variable unsupported in "
                + "element\"). Build names from variables in Resource, or compare aws:PrincipalArn in a condition. "
                + "Serverless Framework variables (${aws:accountId}, ${aws:region}, ${self:...}) are not policy "
                + "variables and are not reported. Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class VariableInUnsupportedElement extends LintRule {

    /**
     * A policy variable: ${*}, ${?}, ${$}, or a key of the namespaces IAM documents for variables (aws:, saml:, sts:,
     * ec2:, and the keys of web identity providers, named by a DNS name), with an optional default.
     */
    static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{(\\*|\\?|\\$|(?:aws|saml|sts|ec2|[a-z0-9-]+(?:\\.[a-z0-9-]+)+(?:/[^}:\\s]*)?):([A-Za-z][^}]*))}");

    /** The Serverless Framework's own ${aws:...} variables, which its deploy replaces. */
    static final Set<String> SERVERLESS = Set.of("accountId", "region");

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            String action = s.actions().negated() ? "NotAction" : "Action";
            for (LocatedString a : s.actions().values()) {
                report(a, action, out);
            }
            if (s.principal().isPresent()) {
                String element = s.principal().get().negated() ? "NotPrincipal" : "Principal";
                for (List<LocatedString> values : s.principal().get().byType().values()) {
                    for (LocatedString v : values) {
                        report(v, element, out);
                    }
                }
            }
        }
        return out;
    }

    private void report(LocatedString v, String element, List<Finding> out) {
        if (PolicyText.unknown(v.value())) {
            return;
        }
        Matcher m = VARIABLE.matcher(v.value());
        while (m.find()) {
            String key = m.group(2);
            if (key != null && SERVERLESS.contains(key.strip())) {
                continue;
            }
            out.add(finding(v.location(), "'" + v.value() + "' uses the policy variable " + m.group()
                    + " in " + element + ", where IAM does not substitute variables; it is taken literally and "
                    + "matches nothing"));
            return;
        }
    }
}
