package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckFindingsTest {

    static final SourceLocation CALL = new SourceLocation("app.py", 14, 5);
    static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
    static final List<RelatedLocation> POLICY = List.of(new RelatedLocation(
            new SourceLocation(".chalice/policy-dev.json", 1, 1), "the policy of chalice:dev:api_handler"));

    @Test
    void missingPermissionNamesActionResourceTargetAndWhy() {
        Finding f = CheckFindings.missingPermission("chalice:dev:api_handler", "dynamodb:PutItem", TABLE,
                new CheckFindings.NoStatement(), CALL, POLICY, Optional.of(".chalice/policy-dev.json"));
        assertEquals("IAM1001", f.ruleId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("dynamodb:PutItem on '" + TABLE + "' is denied for chalice:dev:api_handler: no statement allows it",
                f.message());
        assertEquals(Optional.of("dynamodb:PutItem"), f.action());
        assertEquals(Optional.of(TABLE), f.resource());
        assertEquals(Optional.of(".chalice/policy-dev.json"), f.fix().orElseThrow().policyFile());
        assertEquals(POLICY, f.related());
    }

    @Test
    void explicitDenyAndResourcePolicyArePointedAt() {
        SourceLocation deny = new SourceLocation("template.yaml", 40, 11);
        Finding d = CheckFindings.missingPermission("sam:F", "s3:DeleteObject", "arn:aws:s3:::b/k",
                new CheckFindings.ExplicitDeny("statement 'NoDeletes'", deny), CALL, List.of(), Optional.empty());
        assertTrue(d.message().endsWith(": the Deny statement 'NoDeletes' at template.yaml:40:11 matches it, and no "
                + "Allow can override a Deny"), d.message());
        assertEquals(deny, d.related().get(0).location());

        SourceLocation key = new SourceLocation("template.yaml", 80, 7);
        Finding k = CheckFindings.missingPermission("sam:F", "kms:Decrypt", "arn:aws:kms:us-east-1:1:key/k",
                new CheckFindings.UntrustedByResourcePolicy("KMS key policy", key), CALL, List.of(), Optional.empty());
        assertTrue(k.message().endsWith(": the KMS key policy at template.yaml:80:7 does not allow the role of sam:F"),
                k.message());
    }

    @Test
    void theOtherCheckFindings() {
        Finding p = CheckFindings.partialPermission("sam:F", "sqs:SendMessage", "arn:aws:sqs:us-east-1:1:*",
                List.of("arn:aws:sqs:us-east-1:1:orders-*"), CALL, List.of());
        assertEquals("IAM1002", p.ruleId());
        assertTrue(p.message().contains("only on 'arn:aws:sqs:us-east-1:1:orders-*'"), p.message());
        Finding c = CheckFindings.cannotCheck("chalice:prod:api_handler", "iam_role_arn is set", 1,
                SourceLocation.of(".chalice/config.json"));
        assertEquals(Severity.NOTE, c.severity());
        assertTrue(c.message().contains("so its 1 call went unchecked"), c.message());
        Finding a = CheckFindings.chaliceAutogenMiss("chalice:dev:api_handler", "ssm:GetParameter",
                "the client is created in another module", CALL);
        assertEquals("IAM1004", a.ruleId());
    }
}
