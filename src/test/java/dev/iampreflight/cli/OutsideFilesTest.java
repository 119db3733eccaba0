package dev.iampreflight.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static dev.iampreflight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14: a {@code resource-policies} file outside the project (an absolute path, {@code ../x}) is read, and its
 * contents quoted in findings, only with {@code --allow-outside-files}; without it the entry is a located finding.
 */
class OutsideFilesTest {

    @TempDir
    Path dir;

    private Path app(String file) throws Exception {
        Path from = Path.of("examples", "sam-reports");
        Path to = dir.resolve("app");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(dir.resolve("outside.json"), "{\"Statement\": [{\"Effect\": \"SECRET-CONTENTS\", \"Action\": \"kms:*\", \"Resource\": \"*\"}]}");
        Files.writeString(to.resolve(".iam-preflight.yml"), """
                account-id: "111122223333"
                region: us-east-1
                resource-policies:
                  - resource: arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab
                    file: %s
                """.formatted(file));
        return to;
    }

    @Test
    void aPolicyFileOutsideTheProjectIsNotReadWithoutTheFlag() throws Exception {
        for (String file : new String[] {"../outside.json", dir.resolve("outside.json").toString()}) {
            Path app = app(file);
            CliRun r = run("check", app.toString());
            assertFalse((r.out() + r.err()).contains("SECRET-CONTENTS"), r.out() + r.err());
            assertTrue(r.out().contains(".iam-preflight.yml:4:") && r.out().contains("--allow-outside-files"),
                    r.out() + r.err());
            CliRun allowed = run("check", app.toString(), "--allow-outside-files");
            assertTrue(allowed.out().contains("SECRET-CONTENTS"), allowed.out() + allowed.err());
        }
    }
}
