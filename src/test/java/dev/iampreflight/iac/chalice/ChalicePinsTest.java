package dev.iampreflight.iac.chalice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which chalice release a project installs, from the dependency files it keeps. */
class ChalicePinsTest {

    private static ChaliceReader.ChaliceVersion pin(Path root, Path app) {
        return ChaliceReader.pinnedVersion(root, app).orElseThrow();
    }

    @Test
    void anExactRequirementInADevFileOfAParentFolder(@TempDir Path root) throws IOException {
        Path app = Files.createDirectories(root.resolve("backend"));
        Files.writeString(app.resolve("requirements.txt"), "boto3\n");
        Files.writeString(root.resolve("requirements-dev.txt"), "pytest-chalice==0.1\n-r backend/requirements.txt\n"
                + "chalice[event-file-poller] == 1.21.9 ; python_version >= '3.8'  # deploys\n");
        ChaliceReader.ChaliceVersion p = pin(root, app);
        assertEquals(Optional.of("1.21.9"), p.exact());
        assertEquals("requirements-dev.txt:3", p.at().file() + ":" + p.at().line());
    }

    @Test
    void aLockFileWinsOverARange(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("Pipfile"), "[dev-packages]\nchalice = \"*\"\n");
        Files.writeString(root.resolve("Pipfile.lock"), "{\"develop\": {\"chalice\": {\"hashes\": [\"sha256:x\"], "
                + "\"version\": \"==1.17.0\"}}}");
        assertEquals(Optional.of("1.17.0"), pin(root, root).exact());
        Files.delete(root.resolve("Pipfile.lock"));
        ChaliceReader.ChaliceVersion p = pin(root, root);
        assertTrue(p.exact().isEmpty() && p.below().isEmpty(), p.toString());
    }

    @Test
    void poetryAndPep621Ranges(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pyproject.toml"), "[tool.poetry.dependencies]\npython = \"^3.11\"\n"
                + "chalice = {version = \"~1.21\", optional = true}\n");
        assertEquals(Optional.of("1.22"), pin(root, root).below());
        Files.writeString(root.resolve("pyproject.toml"), "[project]\ndependencies = [\"chalice>=1.20,<1.22.1\"]\n");
        assertEquals(Optional.of("1.22.1"), pin(root, root).below());
        Files.writeString(root.resolve("poetry.lock"), "[[package]]\nname = \"chalice\"\nversion = \"1.18.0\"\n");
        assertEquals(Optional.of("1.18.0"), pin(root, root).exact());
        assertEquals(2, pin(root, root).at().line());
    }

    @Test
    void aCompiledPinOutranksTheLooseRequirementItCameFrom(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("requirements.in"), "boto3\nchalice\n");
        Files.writeString(root.resolve("requirements.txt"), "botocore==1.7.24  # via boto3, chalice\nchalice==1.0.3\n");
        ChaliceReader.ChaliceVersion p = pin(root, root);
        assertEquals(Optional.of("1.0.3"), p.exact());
        assertEquals("requirements.txt:2", p.at().file() + ":" + p.at().line());
    }

    @Test
    void nothingPinned(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("requirements.txt"), "chalice-local\nboto3==1.0\n");
        assertTrue(ChaliceReader.pinnedVersion(root, root).isEmpty());
    }
}
