package dev.iampreflight.require;

import dev.iampreflight.iamdata.KnowledgeBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageReportTest {

    static final KnowledgeBase KB = KnowledgeBase.bundled();

    /**
     * An operation of the 15 services is left unmapped only when the Service Authorization Reference has no action
     * of its name and no curated entry covers it: never because a mapping names an action that does not exist.
     */
    @Test
    void operationsOfTheTopServicesAreUnmappedOnlyWhenTheReferenceLacksTheirAction() {
        for (CoverageReport.ServiceCoverage c : CoverageReport.compute(KB)) {
            assertTrue(c.operations() > 0, c.service() + " has no operations in the knowledge base");
            for (String op : c.unmapped()) {
                assertTrue(KB.sameNameAction(c.service(), op).isEmpty(), c.service() + "." + op);
                assertTrue(!CuratedOperations.ENTRIES.containsKey(c.service() + "." + op), c.service() + "." + op);
            }
            assertTrue(c.ratio() >= 0.93, c.service() + " maps only " + c.mapped() + " of " + c.operations());
        }
    }

    /** #15's goal: every current boto3 operation of the 15 services maps to an action set (or to none, reviewed). */
    @Test
    void everyOperationOfTheFifteenServicesIsMapped() {
        for (CoverageReport.ServiceCoverage c : CoverageReport.compute(KB)) {
            assertEquals(java.util.List.of(), c.unmapped(), c.service());
        }
    }

    /**
     * The total over every service asks each under its boto3 name, so curated rows count there too: Bedrock's
     * Converse API is mapped by a curated entry keyed {@code bedrock-runtime}, whose aws-sdk v2 identifier is
     * {@code bedrockruntime}.
     */
    @Test
    void theAllServicesTotalCountsCuratedRowsUnderTheirBoto3Names() {
        CoverageReport.ServiceCoverage bedrock = CoverageReport.everyService(KB).stream()
                .filter(c -> c.service().equals("bedrock-runtime")).findFirst().orElseThrow();
        assertTrue(!bedrock.unmapped().contains("converse"), bedrock.unmapped().toString());
        assertTrue(bedrock.confirmed() >= 5, "confirmed: " + bedrock.confirmed());
    }

    @Test
    void currentOperationsAreCounted() {
        // The frozen aws-sdk v2 models had 898 operations in these services; the current models have more.
        int total = CoverageReport.compute(KB).stream().mapToInt(CoverageReport.ServiceCoverage::operations).sum();
        assertTrue(total > 1000, "operations of the 15 services: " + total);
    }

    @Test
    void docsCoverageIsTheCurrentReport() throws Exception {
        String expected = CoverageReport.render(KB);
        String actual = Files.readString(Path.of("docs/coverage.md"), StandardCharsets.UTF_8);
        assertEquals(expected, actual, "docs/coverage.md is stale: regenerate it as docs/scanner.md says");
    }
}
