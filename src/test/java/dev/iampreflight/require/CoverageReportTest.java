package dev.iampreflight.require;

import dev.iampreflight.iamdata.KnowledgeBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageReportTest {

    @Test
    void everyTopLambdaServiceMapsAtLeast99PercentOfItsOperations() {
        for (CoverageReport.ServiceCoverage c : CoverageReport.compute(KnowledgeBase.bundled())) {
            assertTrue(c.operations() > 0, c.service() + " has no operations in the knowledge base");
            assertTrue(c.ratio() >= CoverageReport.THRESHOLD, c.service() + " maps only " + c.mapped() + " of "
                    + c.operations() + "; not mapped: " + c.unmapped());
        }
    }

    @Test
    void docsCoverageIsTheCurrentReport() throws Exception {
        String expected = CoverageReport.render(KnowledgeBase.bundled());
        String actual = Files.readString(Path.of("docs/coverage.md"), StandardCharsets.UTF_8);
        assertEquals(expected, actual, "docs/coverage.md is stale: regenerate it as docs/scanner.md says");
    }
}
