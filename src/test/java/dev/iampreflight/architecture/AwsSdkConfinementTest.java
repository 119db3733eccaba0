package dev.iampreflight.architecture;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Only {@code dev.iampreflight.eval.aws} (and its sub-packages) may use the AWS SDK (DESIGN.md section 2): the rest of
 * the tool stays offline and independent of it. Reads every main source file's imports and fully qualified names.
 */
class AwsSdkConfinementTest {

    static final Path MAIN = Path.of("src/main/java");
    static final Pattern SDK = Pattern.compile("\\bsoftware\\.amazon\\.awssdk\\b");
    static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    @Test
    void onlyEvalAwsUsesTheSdk() throws Exception {
        List<String> offenders = new ArrayList<>();
        List<String> users = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                if (!SDK.matcher(text).find()) {
                    continue;
                }
                Matcher m = PACKAGE.matcher(text);
                String pkg = m.find() ? m.group(1) : "";
                if (pkg.equals("dev.iampreflight.eval.aws") || pkg.startsWith("dev.iampreflight.eval.aws.")) {
                    users.add(f.getFileName().toString());
                } else {
                    offenders.add(MAIN.relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "the AWS SDK is used outside dev.iampreflight.eval.aws");
        assertFalse(users.isEmpty(), "the test found no SDK use at all: is it reading the right folder?");
    }
}
