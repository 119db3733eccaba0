package dev.iampreflight.rules.resources;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2218", name = "ssm-parameter-double-slash", severity = Severity.ERROR,
        category = Category.RESOURCES,
        summary = "An SSM parameter ARN has two slashes after parameter",
        help = "The ARN of the parameter /app/db-url is arn:aws:ssm:region:account:parameter/app/db-url: the "
                + "parameter name's leading slash is the separator after parameter. Writing parameter/ before a name "
                + "that starts with a slash (parameter//app/db-url, often from \"parameter/${name}\") gives an ARN no "
                + "parameter has, so it matches nothing. Drop one slash. Sources: "
                + "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html, "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html "
                + "(parameter: arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}); "
                + "the AWS CDK renders these ARNs the same way (aws/aws-cdk#4685)")
public final class SsmParameterDoubleSlash extends LintRule {

    static boolean doubleSlash(Arns.Located a) {
        return a.service().equals("ssm") && a.resource().startsWith("parameter//");
    }

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                if (doubleSlash(a)) {
                    String v = a.value().value();
                    out.add(finding(a.value().location(), "'" + v + "' has two slashes after parameter; the ARN "
                            + "of a parameter whose name starts with / is '" + v.replaceFirst(":parameter//",
                            ":parameter/") + "', so this matches nothing"));
                }
            }
        }
        return out;
    }
}
