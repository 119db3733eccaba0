package dev.iampreflight.iac.terraform;

import dev.iampreflight.iac.terraform.internal.HclParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static dev.iampreflight.project.Fixtures.iac;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Truncated and mutated versions of every fixture .tf file either parse or fail with a located SyntaxError; no other
 * exception escapes the parser (seeded, so a failure reproduces).
 */
class HclParserRobustnessTest {

    private static List<Path> tfFiles() throws Exception {
        try (Stream<Path> s = Files.walk(iac(""))) {
            return s.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
        }
    }

    private static void parseOrLocatedError(String text, String what) {
        try {
            HclParser.parse(text, "x.tf");
        } catch (HclParser.SyntaxError e) {
            assertTrue(e.location().line() >= 1, what + ": " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            fail(what + " threw " + e, e);
        }
    }

    @Test
    void everyPrefix() throws Exception {
        for (Path f : tfFiles()) {
            String text = Files.readString(f);
            for (int cut = 0; cut < text.length(); cut += 41) {
                parseOrLocatedError(text.substring(0, cut), f + " cut at " + cut);
            }
        }
    }

    @Test
    void randomMutations() throws Exception {
        Random random = new Random(42);
        String alphabet = "{}[]()\"'$%=<>-.,:?!*/#\n \\~";
        for (Path f : tfFiles()) {
            String text = Files.readString(f);
            for (int i = 0; i < 100; i++) {
                StringBuilder b = new StringBuilder(text);
                for (int k = 0; k < 3; k++) {
                    int at = random.nextInt(b.length() + 1);
                    if (random.nextBoolean() && at < b.length()) {
                        b.deleteCharAt(at);
                    } else {
                        b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                parseOrLocatedError(b.toString(), f + " mutation " + i);
            }
        }
    }

    @Test
    void deepNestingIsAnError() {
        parseOrLocatedError("a = " + "[".repeat(5000) + "]".repeat(5000) + "\n", "deep lists");
        parseOrLocatedError("a = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n", "deep parentheses");
        parseOrLocatedError("a = \"" + "${\"".repeat(2000) + "\n", "deep templates");
    }
}
