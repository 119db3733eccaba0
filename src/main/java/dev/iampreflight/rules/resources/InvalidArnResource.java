package dev.iampreflight.rules.resources;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.iamdata.ResourceTypeInfo;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.LintedPolicy;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

@RuleInfo(id = "IAM2215", name = "invalid-arn-resource", severity = Severity.WARNING, category = Category.RESOURCES,
        summary = "An ARN's resource part fits no resource type of its service",
        help = "After arn:partition:service:region:account: comes the resource part, whose shape each resource type "
                + "fixes: table/Orders for a DynamoDB table, function:name for a Lambda function. A resource part "
                + "that fits none of the service's types (arn:aws:dynamodb:us-east-1:123456789012:Orders, without "
                + "table/) matches no resource (Access Analyzer: \"Error - Invalid ARN resource\"). A warning, not an "
                + "error: the bundled list of resource types can lag behind a service (legacy ARNs such as AWS WAF "
                + "Classic's changetoken are not in it), and a path prefix such as role/ (for a List action's "
                + "PathPrefix) is not reported. ARN formats from the Service Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html, "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")
public final class InvalidArnResource extends LintRule {
    /** A resource part that is a type's prefix up to a slash (role/, policy/): IAM path prefixes of List actions. */
    private static boolean pathPrefix(Arns.Located a, List<ResourceTypeInfo> types) {
        String r = a.resource();
        return r.endsWith("/") && types.stream().flatMap(t -> t.arnFormats().stream())
                .map(f -> f.split(":", 6)).anyMatch(f -> f.length == 6 && f[5].startsWith(r));
    }

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                // An empty resource part, an S3 object with an empty key and an SSM parameter with two slashes
                // have rules of their own, with a more useful message.
                if (!Arns.literal(a.service()) || a.resource().isEmpty() || S3EmptyObjectKey.emptyKey(a)
                        || SsmParameterDoubleSlash.doubleSlash(a)) {
                    continue;
                }
                List<ResourceTypeInfo> types = kb.resourceTypesWithArnService(a.service());
                if (types.isEmpty() || !Arns.formatsFor(kb, a).isEmpty() || pathPrefix(a, types)) {
                    continue;
                }
                // The shortest shapes are the service's main resources (table/${TableName}, function:...).
                Set<String> parts = new TreeSet<>(Comparator.comparingInt(String::length)
                        .thenComparing(Comparator.naturalOrder()));
                for (ResourceTypeInfo t : types) {
                    for (String f : t.arnFormats()) {
                        String[] ff = f.split(":", 6);
                        if (ff.length == 6) {
                            parts.add(ff[5]);
                        }
                    }
                }
                out.add(finding(a.value().location(), "the resource part '" + a.resource() + "' of '"
                        + a.value().value() + "' fits no resource type of " + a.service() + " (such as "
                        + String.join(", ", parts.stream().limit(3).toList()) + "), so it matches nothing the Service Authorization Reference lists"));
            }
        }
        return out;
    }
}
