package dev.iampreflight.architecture;

import dev.iampreflight.discovery.DeployFormats;
import dev.iampreflight.project.DeployFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deploy-file side is layered one way (issue #11, "Structure"): the target model ({@code project}) below, the
 * readers ({@code iac.*}) above it, discovery ({@code discovery}) above the readers. A reader never calls discovery
 * and the model knows no reader, so a new format is one reader package plus one line in {@link DeployFormats}. Reads
 * every main source file's code (comments removed) for the packages it names.
 */
class LayeringTest {

    static final Path MAIN = Path.of("src/main/java");
    static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    static final Pattern NAMED = Pattern.compile("\\bdev\\.iampreflight\\.([a-z]+)\\b");
    static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Top-level packages (below dev.iampreflight) each source file names in its code, by its own top-level package. */
    private static List<String[]> edges() throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(f);
                Matcher pm = PACKAGE.matcher(text);
                String pkg = pm.find() ? pm.group(1) : "";
                if (!pkg.startsWith("dev.iampreflight.")) {
                    continue;
                }
                String from = pkg.substring("dev.iampreflight.".length()).split("\\.")[0];
                Matcher m = NAMED.matcher(COMMENTS.matcher(text).replaceAll(""));
                Set<String> to = new TreeSet<>();
                while (m.find()) {
                    to.add(m.group(1));
                }
                for (String t : to) {
                    out.add(new String[] {MAIN.relativize(f).toString(), from, t});
                }
            }
        }
        return out;
    }

    private static List<String> offenders(String from, Set<String> forbidden) throws Exception {
        return edges().stream().filter(e -> e[1].equals(from) && forbidden.contains(e[2]))
                .map(e -> e[0] + " -> " + e[2]).collect(Collectors.toList());
    }

    @Test
    void theTargetModelKnowsNoReaderAndNoDiscovery() throws Exception {
        assertEquals(List.of(), offenders("project", Set.of("iac", "discovery")));
    }

    @Test
    void readersDoNotCallDiscovery() throws Exception {
        assertEquals(List.of(), offenders("iac", Set.of("discovery")));
    }

    /**
     * The lint rules are below the commands that run them: {@code check} runs the rules (its lint findings), so a rule
     * that reached back into {@code check} (for a target's calls, say) would make the two one tangle. A rule gets
     * what it needs from {@code check} through an interface of its own ({@code rules.TargetCalls}).
     */
    @Test
    void lintRulesDoNotCallTheCommands() throws Exception {
        assertEquals(List.of(), offenders("rules", Set.of("check", "cli")));
    }

    @Test
    void theTestSeesTheEdgesItGuards() throws Exception {
        List<String[]> all = edges();
        assertTrue(all.stream().anyMatch(e -> e[1].equals("iac") && e[2].equals("project")),
                "no reader names the target model: is the test reading the right folder?");
        assertTrue(all.stream().anyMatch(e -> e[1].equals("discovery") && e[2].equals("iac")),
                "discovery names no reader");
        assertTrue(all.stream().anyMatch(e -> e[1].equals("check") && e[2].equals("rules")),
                "check names no lint rule");
    }

    @Test
    void everyFormatInTheReadersIsRegistered() throws Exception {
        Pattern impl = Pattern.compile("class\\s+(\\w+)\\s+implements\\s+[\\w.,\\s]*\\bDeployFormat\\b");
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve("dev/iampreflight/iac"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = impl.matcher(Files.readString(f));
                while (m.find()) {
                    declared.add(m.group(1));
                }
            }
        }
        assertFalse(declared.isEmpty(), "no reader implements DeployFormat");
        Set<String> registered = DeployFormats.registered().stream().map(f -> f.getClass().getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, registered);
        assertEquals(registered.size(), DeployFormats.registered().stream().map(DeployFormat::name).distinct().count(),
                "two formats share a name");
    }
}
