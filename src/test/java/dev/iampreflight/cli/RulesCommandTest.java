package dev.iampreflight.cli;

import dev.iampreflight.report.Rule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesCommandTest {

    @Test
    void listsEveryRule() {
        CliRun r = CliRun.run("rules");
        assertEquals(0, r.code(), r.err());
        for (Rule rule : Rule.values()) {
            assertTrue(r.out().contains(rule.id()) && r.out().contains(rule.summary()), rule.id());
        }
        assertEquals(dev.iampreflight.report.RuleCatalog.all().size(), r.out().lines().count());
        assertTrue(r.out().contains("IAM2208  error    action-resource-mismatch"), r.out());
    }

    @Test
    void showsALintRulesPage() {
        CliRun r = CliRun.run("rules", "IAM2208");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("IAM2208 action-resource-mismatch (error)\n"), r.out());
        assertTrue(r.out().contains("s3:ListBucket on arn:aws:s3:::my-bucket/* is denied"), r.out());
        assertTrue(!r.out().contains("Documentation:"), "no link to a page this build does not know");
    }

    @Test
    void showsOneRulesDocumentation() {
        CliRun r = CliRun.run("rules", "iam1001");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("IAM1001 missing-permission (error)\n"), r.out());
        assertTrue(r.out().contains(Rule.MISSING_PERMISSION.description()));
        assertTrue(!r.out().contains("Documentation:"), "no link to a page this build does not know");
    }

    @Test
    void anUnknownIdIsAUsageErrorWithASuggestion() {
        CliRun r = CliRun.run("rules", "IAM1O01");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no rule 'IAM1O01'; did you mean 'IAM1001'?"), r.err());
    }
}
