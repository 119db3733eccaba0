package dev.iampreflight.rules;

import dev.iampreflight.check.DeclaredResourcePolicies;
import dev.iampreflight.check.TargetCode;
import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.core.Finding;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourcePolicy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one test factory of the lint rules' fixtures: {@code src/test/resources/rules/<ID>/bad/} holds inputs with, beside
 * each, {@code <file>.expected} listing the findings of rule ID in it, one {@code LINE:COL message-fragment} per line;
 * {@code good/} holds inputs on which the rule finds nothing. Inputs are read as {@code iam-preflight lint} reads them.
 */
class LintRuleFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/rules");
    static final KnowledgeBase KB = KnowledgeBase.bundled();

    @TestFactory
    Stream<DynamicTest> everyRuleOnItsFixtures() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            for (Path dir : dirs.sorted().toList()) {
                String id = dir.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(id + " bad", () -> bad(id, dir.resolve("bad"))));
                tests.add(DynamicTest.dynamicTest(id + " good", () -> good(id, dir.resolve("good"))));
            }
        }
        return tests.stream();
    }

    /** As {@code lint DIR} runs: with the resource policies a {@code .iam-preflight.yml} in the folder declares. */
    static List<Finding> lint(String id, Path dir) {
        List<Finding> configFindings = new ArrayList<>();
        List<ResourcePolicy> declared = DeclaredResourcePolicies.read(dir,
                ConfigLoader.loadFor(dir, Optional.empty()).config(), false, configFindings);
        assertEquals(List.of(), configFindings, id + ": the fixture's config");
        Lint.Result r = Lint.run(dir, List.of(dir), ProjectOptions.defaults(), new Linter(KB), declared,
                p -> TargetCode.forLint(p, KB));
        return r.findings().stream().filter(f -> f.ruleId().equals(id)).toList();
    }

    static void bad(String id, Path dir) throws IOException {
        Map<String, List<String>> actual = new TreeMap<>();
        for (Finding f : lint(id, dir)) {
            actual.computeIfAbsent(f.location().file(), k -> new ArrayList<>())
                    .add(f.location().line() + ":" + f.location().column() + " " + f.message());
        }
        Map<String, List<String>> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path e : files.filter(p -> p.toString().endsWith(".expected")).toList()) {
                String input = dir.relativize(e).toString().replace('\\', '/');
                input = input.substring(0, input.length() - ".expected".length());
                expected.put(input, Files.readAllLines(e).stream().filter(l -> !l.isBlank()).toList());
            }
        }
        assertTrue(!expected.isEmpty(), id + ": bad/ has no .expected file");
        assertEquals(expected.keySet(), actual.keySet(), id + ": files with findings");
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            List<String> got = actual.get(e.getKey());
            assertEquals(e.getValue().size(), got.size(), id + " " + e.getKey() + ": " + got);
            for (int i = 0; i < got.size(); i++) {
                String want = e.getValue().get(i);
                int space = want.indexOf(' ');
                String at = space < 0 ? want : want.substring(0, space);
                String fragment = space < 0 ? "" : want.substring(space + 1);
                String g = got.get(i);
                assertTrue(g.startsWith(at + " ") && g.contains(fragment),
                        id + " " + e.getKey() + ": expected " + want + ", got " + g);
            }
        }
    }

    static void good(String id, Path dir) {
        assertTrue(Files.isDirectory(dir), id + ": no good/ folder");
        assertEquals(List.of(), lint(id, dir), id + ": findings on good/");
    }
}
