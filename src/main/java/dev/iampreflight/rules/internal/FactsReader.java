package dev.iampreflight.rules.internal;

import dev.iampreflight.project.Project;
import dev.iampreflight.project.SkippedDirectories;
import dev.iampreflight.project.ResourcePolicy;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the {@link ProjectFacts} of a directory in one walk (skipping what discovery skips): API definitions from
 * templates, Terraform modules and standalone OpenAPI files; the authorizers of every Chalice app
 * ({@code .chalice/config.json}). Nothing here reports: the deploy-file readers report what they cannot read.
 */
public final class FactsReader {

    private FactsReader() {
    }

    /** The services a deploy target's code calls: by its Terraform module folder and resource address. */
    public interface Calls {
        /**
         * The calls of the target named one of {@code names} declared in {@code where} (a template, or a Terraform
         * module folder); empty when there is no such target or its code cannot be scanned.
         */
        Optional<List<ProjectFacts.ServiceCall>> of(Path where, List<String> names);
    }

    /**
     * @param project  what discovery found in {@code dir}, when it ran there
     * @param declared resource policies the config file declares (a KMS key policy in another account)
     */
    public static ProjectFacts read(Path dir, Optional<Project> project, List<ResourcePolicy> declared, Calls calls) {
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
                            && SkippedDirectories.NAMES.contains(name.toString())) {
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
        List<ProjectFacts.PrivateFunction> privateFunctions = new ArrayList<>();
        for (Path f : documents) {
            apis.yamlOrJson(f);
            Path abs = f.toAbsolutePath().normalize();
            for (CfnNetworks.Candidate c : CfnNetworks.read(root, abs)) {
                calls.of(abs, c.names()).filter(l -> !l.isEmpty()).ifPresent(l -> privateFunctions.add(
                        new ProjectFacts.PrivateFunction(c.names().get(0), c.at(), c.endpoints(), l)));
            }
        }
        terraform.forEach((d, files) -> {
            files.sort(null);
            apis.terraform(d, files);
            for (TerraformNetworks.Candidate c : TerraformNetworks.read(root, files)) {
                calls.of(d, List.of("tf:" + c.address())).filter(l -> !l.isEmpty()).ifPresent(l -> privateFunctions.add(
                        new ProjectFacts.PrivateFunction("tf:" + c.address(), c.at(), c.endpoints(), l)));
            }
        });
        List<AuthorizerRaise> raises = new ArrayList<>();
        for (Path app : chalice) {
            raises.addAll(ChaliceAuthorizers.read(root, app));
        }
        List<ProjectFacts.KeyUse> keyUses = project.map(p -> KeyUses.read(p, declared)).orElse(List.of());
        return new ProjectFacts(apis.result(), raises, privateFunctions, keyUses);
    }
}
