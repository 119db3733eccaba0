import dev.iampreflight.iac.terraform.internal.HclParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parses every .tf file (as a body) and every .tftpl or .tpl file (as a template, as templatefile() reads it) under
 * the given folders and prints the count parsed and failed, with the first error of each failing file. Run by tools/hcl-corpus/run through Java's
 * single-file source launcher.
 */
public class ParseCorpus {
    public static void main(String[] args) throws IOException {
        int ok = 0;
        int failed = 0;
        int templates = 0;
        for (String a : args) {
            Path root = Path.of(a);
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(tf|tftpl|tpl)$"))
                        .sorted().toList();
            }
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                String name = root.getFileName() + "/" + root.relativize(f);
                try {
                    if (!f.toString().endsWith(".tf")) {
                        templates++;
                        HclParser.parseTemplate(text, name);
                    } else {
                        HclParser.parse(text, name);
                    }
                    ok++;
                } catch (HclParser.SyntaxError e) {
                    failed++;
                    System.out.println("FAIL " + e.location().file() + ":" + e.location().line() + ":"
                            + e.location().column() + ": " + e.getMessage());
                }
            }
        }
        System.out.printf("%d files (%d templates): %d parsed, %d failed%n", ok + failed, templates, ok, failed);
        System.exit(failed == 0 ? 0 : 1);
    }
}
