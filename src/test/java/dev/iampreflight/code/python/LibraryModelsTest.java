package dev.iampreflight.code.python;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.iamdata.KnowledgeBase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bundled library model follows the format of docs/libraries.md and names real SDK operations. */
class LibraryModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyBundledModelIsWellFormedCitedAndNamesRealOperations() {
        KnowledgeBase kb = KnowledgeBase.bundled();
        LibraryModels models = LibraryModels.bundled();
        assertFalse(models.libraries().isEmpty());
        List<String> problems = new ArrayList<>();
        for (LibraryModels.Library l : models.libraries()) {
            assertTrue(l.source().length() > 20, l.file() + ": cite the source read");
            List<LibraryModels.Entry> entries = new ArrayList<>(l.functions().values());
            l.types().values().forEach(t -> entries.addAll(t.methods().values()));
            for (LibraryModels.Entry e : entries) {
                if (!e.calls().isEmpty() && e.source().isBlank()) {
                    problems.add(l.file() + ": " + e.name() + " has no source");
                }
                for (LibraryModels.Op op : e.calls()) {
                    if (op.request() != null) {
                        // A signed request names no SDK operation: its signer must be a modelled signer type.
                        continue;
                    }
                    if (kb.sdkOperation(op.service(), Boto3Models.snake(op.operation())).isEmpty()) {
                        problems.add(l.file() + ": " + e.name() + ": " + op.service() + "." + op.operation()
                                + " is not an SDK operation");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theStreamingReaderBuildsTheSameTreeAsAnObjectMapper() throws Exception {
        for (LibraryModels.Library l : LibraryModels.bundled().libraries()) {
            try (var in = LibraryModels.class.getResourceAsStream("/dev/iampreflight/code/libraries/" + l.file())) {
                assertEquals(JSON.readTree(in), LibraryModels.readTree(l.file()), l.file());
            }
        }
    }

    @Test
    void theDocumentedFormatIsEnforced() throws Exception {
        String ok = "{\"library\":\"X\",\"pypi\":\"x\",\"imports\":[\"x\"],\"versions\":\"1\",\"source\":\"x.py\","
                + "\"functions\":{\"x.f\":{\"calls\":[{\"call\":\"s3.GetObject\",\"args\":{\"Bucket\":\"arg:0:b\"}}]}}}";
        assertEquals(1, LibraryModels.parse("ok.json", JSON.readTree(ok)).functions().size());
        // A source the format does not know, an unknown field, a lowercase operation, a versions without a note.
        for (String bad : List.of(ok.replace("arg:0:b", "argument zero"), ok.replace("\"calls\"", "\"callz\""),
                ok.replace("s3.GetObject", "s3.get_object"),
                ok.replace("\"args\"", "\"versions\":\"<2\",\"args\""))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LibraryModels.parse("bad.json", JSON.readTree(bad)));
            assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
        }
        // A signed request needs its signer and method, and either a URL or a host with a path template of sources.
        String request = ok.replace("\"call\":\"s3.GetObject\",\"args\":{\"Bucket\":\"arg:0:b\"}",
                "\"request\":{\"signer\":\"kw:auth.Signer\",\"method\":\"const:GET\",\"url\":\"arg:0:url\"}");
        assertEquals(1, LibraryModels.parse("ok.json", JSON.readTree(request)).functions().get("x.f").calls().size());
        for (String bad : List.of(request.replace("\"signer\":\"kw:auth.Signer\",", ""),
                request.replace("\"url\":\"arg:0:url\"", "\"host\":\"kw:host\""),
                request.replace("\"url\":\"arg:0:url\"", "\"host\":\"kw:host\",\"path\":\"/{index}\""),
                request.replace("\"request\"", "\"call\":\"s3.GetObject\",\"request\""))) {
            assertThrows(IllegalArgumentException.class, () -> LibraryModels.parse("bad.json", JSON.readTree(bad)),
                    bad);
        }
        // anyReceiver methods must be recognised by an argument, not by their name.
        String any = "{\"library\":\"X\",\"pypi\":\"x\",\"imports\":[\"x\"],\"versions\":\"1\",\"source\":\"x.py\","
                + "\"types\":{\"x.T\":{\"anyReceiver\":true,\"methods\":{\"m\":{\"calls\":[{\"call\":\"s3.PutObject\"}]}}}}}";
        assertThrows(IllegalArgumentException.class, () -> LibraryModels.parse("any.json", JSON.readTree(any)));
    }

    @Test
    void theIndexListsEveryModelFile() throws Exception {
        Path dir = Path.of("src/main/resources/dev/iampreflight/code/libraries");
        List<String> files;
        try (var s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        List<String> listed = LibraryModels.bundled().libraries().stream().map(LibraryModels.Library::file)
                .sorted().toList();
        assertEquals(files, listed);
    }

    @Test
    void versionSpecifiersDecideOnlyWhatTheyPin() {
        assertEquals(Optional.of(true), DependencyPins.decide("==5.2.1", "<5.3.0"));
        assertEquals(Optional.of(false), DependencyPins.decide("==6.0.0", "<5.3.0"));
        assertEquals(Optional.of(true), DependencyPins.decide(">=4,<5.3", "<5.3.0"));
        assertEquals(Optional.of(false), DependencyPins.decide(">=5.3", "<5.3.0"));
        assertEquals(Optional.of(true), DependencyPins.decide("~=5.1.0", "<5.3.0"));
        // pip installs the newest release a lower bound allows: which one is not in the project.
        assertEquals(Optional.empty(), DependencyPins.decide(">=5.1", "<5.3.0"));
        assertEquals(Optional.empty(), DependencyPins.decide("", "<5.3.0"));
    }

    @Test
    void dependencyFilesOfEveryKindNameTheirPackages() {
        List<DependencyPins.Dependency> out = new ArrayList<>();
        DependencyPins.parse("requirements.txt", "# c\n-r base.txt\nPynamoDB[signals]==5.2.1 ; python_version>'3'\n"
                + "git+https://x/y.git\nwatchtower\n", "requirements.txt", out);
        DependencyPins.parse("pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"pandas>=2\", "
                + "\"s3fs\"]\n[tool.poetry.dependencies]\npython = \"^3.11\"\nsmart-open = \"^7.0\"\n",
                "pyproject.toml", out);
        DependencyPins.parse("Pipfile.lock", "{\"default\": {\"pynamodb\": {\"hashes\": [], \"version\": \"==6.0.0\"}}}",
                "Pipfile.lock", out);
        List<String> named = out.stream().map(d -> d.name() + " " + d.spec() + " @" + d.at().line()).toList();
        assertEquals(List.of("pynamodb ==5.2.1 @3", "watchtower  @5", "pandas >=2 @3", "s3fs  @3",
                "smart-open >=7.0,<8 @6", "pynamodb ==6.0.0 @1"), named);
    }
}
