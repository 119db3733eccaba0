package dev.iampreflight.rules.redundancy;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.Principal;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.PolicyText;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.iampreflight.policy.Condition;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

@RuleInfo(id = "IAM2604", name = "duplicate-statement", severity = Severity.WARNING, category = Category.REDUNDANCY,
        summary = "Two statements of a policy say the same thing",
        help = "Two statements with the same effect, actions, resources, principals and conditions (whatever their "
                + "Sid) are one statement written twice, often a sign that one was meant to differ. "
                + "Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html")
public final class DuplicateStatement extends LintRule {
    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        Map<List<Object>, Statement> first = new HashMap<>();
        for (Statement s : policy.document().statements()) {
            List<Object> key = new ArrayList<>();
            key.add(s.effect());
            key.add(s.actions().negated());
            key.add(new TreeSet<>(s.actions().strings().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList()));
            key.add(s.resources().map(r -> (Object) List.of(r.negated(), new TreeSet<>(r.strings()))).orElse("-"));
            key.add(s.principal().map(p -> {
                Map<String, TreeSet<String>> m = new java.util.TreeMap<>();
                p.byType().forEach((t, v) -> m.put(t, new TreeSet<>(v.stream().map(LocatedString::value).toList())));
                return (Object) List.of(p.negated(), p.anyone(), m);
            }).orElse("-"));
            TreeSet<String> conds = new TreeSet<>();
            for (Condition c : s.condition().conditions()) {
                conds.add(c.operator().value() + "|" + c.key().value().toLowerCase(Locale.ROOT) + "|"
                        + new TreeSet<>(c.valueStrings()));
            }
            key.add(conds);
            if (key.toString().contains("{?}")) {
                continue;
            }
            Statement before = first.putIfAbsent(key, s);
            if (before != null) {
                out.add(finding(s.location(), s.label() + " repeats " + before.label() + " (line "
                        + before.location().line() + ")"));
            }
        }
        return out;
    }
}
