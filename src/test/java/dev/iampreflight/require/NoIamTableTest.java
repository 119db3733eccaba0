package dev.iampreflight.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.iamdata.SdkOperation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reviewed table of operations IAM does not authorize or that need no permission (tools/iamdata/curated.json,
 * {@code noIam}): one test per row, driving a boto3 call through the scanner and the mapper.
 */
class NoIamTableTest {

    static final KnowledgeBase KB = KnowledgeBase.bundled();
    static final Path CURATED = Path.of("tools/iamdata/curated.json");

    static JsonNode table() throws Exception {
        return new ObjectMapper().readTree(Files.readString(CURATED)).get("noIam");
    }

    @TestFactory
    Stream<DynamicTest> everyRowCitesItsSourceAndYieldsNoRequirement() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        table().fields().forEachRemaining(e -> tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
            String service = e.getKey().substring(0, e.getKey().indexOf('.'));
            String op = e.getKey().substring(e.getKey().indexOf('.') + 1);
            String verdict = e.getValue().get("verdict").asText();
            assertTrue(e.getValue().get("source").asText().startsWith("https://docs.aws.amazon.com/"), e.getKey());
            Optional<SdkOperation> operation = KB.sdkOperation(service, op);
            assertTrue(operation.isPresent(), e.getKey() + " is not an operation of the current model");
            if (verdict.equals("needs-iam")) {
                assertTrue(operation.get().noIam().isEmpty(), e.getKey());
                return;
            }
            SdkOperation.NoIam noIam = operation.get().noIam().orElseThrow();
            assertEquals(verdict, noIam.verdict());
            assertTrue(!noIam.quote().isBlank(), e.getKey() + " has no quote from the model or the guide");
            ScanResult r = PythonScanner.withKnowledgeBase(KB, List.of()).scanSources(Map.of("app.py",
                    "import boto3\nboto3.client('" + service + "')." + op + "()\n"));
            assertEquals(1, r.calls().size(), e.getKey() + " is not recognised as a call");
            assertEquals(List.of(), new RequirementMapper(KB).requirements(r.calls().get(0),
                    RequirementTableTest.TARGET), e.getKey());
        })));
        return tests.stream();
    }

    @Test
    void everyCandidateMinedFromTheModelsIsReviewed() throws Exception {
        JsonNode table = table();
        List<String> lines = Files.readAllLines(Path.of("tools/iamdata/no-iam-candidates.tsv"));
        int candidates = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            candidates++;
            String op = line.substring(0, line.indexOf('\t'));
            assertTrue(table.has(op), op + " is a candidate the noIam table does not review");
        }
        assertTrue(candidates >= 40, "the candidate list lost rows: " + candidates);
    }
}
