package dev.iampreflight.rules.internal;

import dev.iampreflight.project.ProjectDiscovery;
import dev.iampreflight.rules.ProjectFacts;
import dev.iampreflight.rules.ProjectFacts.AuthorizerRaise;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@link ProjectFacts} of a directory in one walk (skipping what discovery skips): API definitions from
 * templates, Terraform modules and standalone OpenAPI files; the authorizers of every Chalice app
 * ({@code .chalice/config.json}). Nothing here reports: the deploy-file readers report what they cannot read.
 */
public final class FactsReader {

    private FactsReader() {
    }

    public static ProjectFacts read(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        ApiDefinitions apis = new ApiDefinitions(root);
        Map<Path, List<Path>> terraform = new TreeMap<>();
        List<Path> chalice = new ArrayList<>();
        List<Path> documents = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    Path name = d.getFileName();
                    if (!d.equals(root) && name != null
                            && ProjectDiscovery.SKIPPED_DIRECTORIES.contains(name.toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (Files.isRegularFile(d.resolve(".chalice").resolve("config.json"))) {
                        chalice.add(d);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile() || attrs.size() > ApiDefinitions.MAX_BYTES) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (name.endsWith(".tf") || name.endsWith(".tf.json")) {
                        terraform.computeIfAbsent(file.getParent(), k -> new ArrayList<>()).add(file);
                    } else if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")
                            || name.endsWith(".template")) {
                        documents.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return ProjectFacts.EMPTY;
        }
        documents.sort(null);
        for (Path f : documents) {
            apis.yamlOrJson(f);
        }
        terraform.forEach((d, files) -> {
            files.sort(null);
            apis.terraform(d, files);
        });
        List<AuthorizerRaise> raises = new ArrayList<>();
        for (Path app : chalice) {
            raises.addAll(ChaliceAuthorizers.read(root, app));
        }
        return new ProjectFacts(apis.result(), raises);
    }
}
