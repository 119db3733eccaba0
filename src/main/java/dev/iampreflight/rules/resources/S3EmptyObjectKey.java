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

@RuleInfo(id = "IAM2217", name = "s3-arn-trailing-slash", severity = Severity.ERROR, category = Category.RESOURCES,
        summary = "An S3 ARN ends with a slash after the bucket name",
        help = "A bucket's ARN is arn:aws:s3:::bucket and an object's is arn:aws:s3:::bucket/key with a key of one "
                + "or more characters; arn:aws:s3:::bucket/ is neither, so it matches no bucket and no object. For "
                + "the bucket (s3:ListBucket) drop the slash; for its objects write bucket/*. Sources: "
                + "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-resources-for-iam-policies, "
                + "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html")
public final class S3EmptyObjectKey extends LintRule {

    /** An s3 ARN whose resource part is a literal bucket name and a slash. */
    static boolean emptyKey(Arns.Located a) {
        String r = a.resource();
        return a.service().equals("s3") && r.length() > 1 && r.indexOf('/') == r.length() - 1 && Arns.literal(r);
    }

    @Override
    public List<Finding> check(LintedPolicy policy, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            for (Arns.Located a : Arns.of(s)) {
                if (emptyKey(a)) {
                    String v = a.value().value();
                    out.add(finding(a.value().location(), "'" + v + "' ends with a slash, so it matches no bucket "
                            + "and no object; write '" + v.substring(0, v.length() - 1) + "' for the bucket or '"
                            + v + "*' for its objects"));
                }
            }
        }
        return out;
    }
}
