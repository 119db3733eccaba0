package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.iac.terraform.internal.Hcl.Block;
import dev.iampreflight.project.internal.ImageBuilds;
import dev.iampreflight.project.internal.ImageBuilds.Build;
import dev.iampreflight.project.internal.ImageBuilds.Code;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The code inside a container image that a Terraform configuration builds from a Dockerfile of the project: a
 * {@code docker_image} or {@code docker_registry_image} of the Docker provider with a {@code build} block
 * (https://registry.terraform.io/providers/kreuzwerker/docker/latest/docs/resources/image), or a {@code docker build}
 * of the project's scripts whose tag names the same repository ({@link ImageBuilds}, shared with CloudFormation).
 */
public final class Images {

    private final List<Instance> instances;
    private final ImageBuilds builds;

    public Images(Path root, List<Instance> instances) {
        this.instances = instances;
        this.builds = new ImageBuilds(root);
    }

    /** The code of the image {@code image} (whose expression refers to {@code refs}) in instance {@code in}. */
    public Code of(Instance in, String image, List<String> refs) {
        return of(in, image, refs, Optional.empty());
    }

    /** The same, run with {@code command} in place of the image's CMD when present (a container definition's). */
    public Code of(Instance in, String image, List<String> refs, Optional<List<String>> command) {
        Optional<Build> build = Optional.empty();
        for (String ref : refs) {
            if (ref.startsWith(in.prefix() + "docker_image.") || ref.startsWith(in.prefix() + "docker_registry_image.")) {
                build = providerBuild(in, ref.substring(in.prefix().length()));
                if (build.isPresent()) {
                    break;
                }
            }
        }
        Optional<String> repo = ImageBuilds.repository(image);
        if (build.isEmpty() && repo.isPresent()) {
            for (Instance i : instances) {
                for (Block b : i.module().resources().values()) {
                    if (b.labels().get(0).equals("docker_image") && b.body().attribute("name")
                            .flatMap(a -> Values.knownText(i.eval(a.value()))).flatMap(ImageBuilds::repository)
                            .equals(repo)) {
                        build = providerBuild(i, "docker_image." + b.labels().get(1));
                    }
                }
            }
        }
        return build.map(b -> builds.code(image, b, command)).orElseGet(() -> builds.of(image, command));
    }

    private Optional<Build> providerBuild(Instance in, String address) {
        Block b = in.module().resources().get(address);
        if (b == null) {
            return Optional.empty();
        }
        Optional<Block> build = b.body().blocks("build").stream().findFirst();
        if (build.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> context = build.get().body().attribute("context")
                .flatMap(a -> Values.knownText(in.eval(a.value())));
        if (context.isEmpty()) {
            return Optional.empty();
        }
        Path ctxDir = in.context().cwd().resolve(context.get()).normalize();
        String file = build.get().body().attribute("dockerfile").flatMap(a -> Values.knownText(in.eval(a.value())))
                .orElse("Dockerfile");
        String name = b.body().attribute("name").flatMap(a -> Values.knownText(in.eval(a.value()))).orElse("");
        return Optional.of(new Build(ctxDir, ctxDir.resolve(file).normalize(), name));
    }
}
