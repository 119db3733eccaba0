package dev.iampreflight.policy;

import dev.iampreflight.core.Finding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documents under policies/ are what users try first: good ones must parse cleanly, bad ones fail as named. */
class ExamplePoliciesTest {

    @Test
    void goodExamplesParseWithoutFindings() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("policies"))) {
            List<Path> good = files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("bad-")).sorted().toList();
            assertTrue(good.size() >= 5);
            for (Path p : good) {
                PolicyParser.Result r = PolicyParser.parseFile(p, p.toString());
                assertTrue(r.findings().isEmpty(), p + ": " + r.findings());
                assertTrue(r.document().isPresent(), p.toString());
            }
        }
    }

    @Test
    void truncatedExampleIsIam0001AtItsLastLine() {
        List<Finding> f = PolicyParser.parseFile(Path.of("policies/bad-truncated.json"), "bad-truncated.json").findings();
        assertEquals(1, f.size());
        assertEquals("IAM0001", f.get(0).ruleId());
        assertTrue(f.get(0).location().line() >= 4, f.get(0).toString());
    }

    @Test
    void badShapeExampleReportsBothStatements() {
        List<Finding> f = PolicyParser.parseFile(Path.of("policies/bad-shape.json"), "bad-shape.json").findings();
        assertEquals(List.of("IAM0002", "IAM0002"), f.stream().map(Finding::ruleId).toList());
        assertEquals(4, f.get(0).location().line());
        assertEquals(5, f.get(1).location().line());
    }
}
