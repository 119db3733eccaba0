package dev.iampreflight.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each reporter's output for {@link SampleReport} compared with a golden file under
 * {@code src/test/resources/report/golden/}. After an intended change, regenerate them with
 * {@code ./mvnw -q -o test -Dtest=ReporterGoldenTest -Dgolden.update=true} and review the diff.
 */
class ReporterGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/report/golden");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "text,     false, sample.txt",
            "text,     true,  sample-color.txt",
            "json,     false, sample.json",
            "sarif,    false, sample.sarif",
            "github,   false, sample.github.txt",
            "junit,    false, sample.junit.xml",
            "markdown, false, sample.md",
    })
    void rendersAsTheGoldenFile(String format, boolean color, String golden) throws IOException {
        Reporter reporter = Reporters.byName(format).orElseThrow();
        String actual = reporter.render(SampleReport.report(), new ReportOptions(color, "0.1.0", Map.of()));
        assertGolden(golden, actual);
    }

    static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "missing golden file " + file + "; run with -Dgolden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
    }
}
