package dev.iampreflight.project.internal;

import dev.iampreflight.code.Reachability;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.SkippedDirectories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code inside a container image that the project builds from one of its Dockerfiles, whatever the deploy format:
 * a {@code docker build} command of a Makefile, shell script, GitHub workflow or CodeBuild buildspec of the project
 * whose {@code -t} tag names the image's repository, or a build the format itself names (the Terraform Docker
 * provider's {@code build} block, SAM's {@code DockerContext}). The Dockerfile's {@code COPY}/{@code ADD} sources
 * (resolved against the build context) are the code roots, and its {@code CMD}/{@code ENTRYPOINT} the entry point
 * (https://docs.docker.com/reference/dockerfile/, https://docs.aws.amazon.com/lambda/latest/dg/python-image.html).
 * An image built elsewhere gives no code: its calls are not charged to anything.
 */
public final class ImageBuilds {

    /** Build scripts read at most: they are only searched for docker build commands. */
    private static final int MAX_SCRIPTS = 200;
    private static final int MAX_SCRIPT_BYTES = 256 * 1024;
    /** Entries looked at below an image's code roots when asking whether it holds Python at all. */
    private static final int MAX_LOOKED_AT = 5000;
    private static final Pattern DOCKER_BUILD = Pattern.compile("docker\\s+(?:buildx\\s+)?build\\b([^\\n;&|]*)");

    /**
     * What an image holds.
     *
     * @param image   the image as written (unknown parts {@code {?}})
     * @param roots   the code roots (relative to the discovery root); empty when the image is not built here
     * @param handler the entry point: a Lambda image's CMD ({@code module.function}), or the module of the Python
     *                script another image runs ({@code worker.<module>}: its module-level code)
     * @param noEntry   why the entry point of code the image holds cannot be read (then all of it is charged)
     */
    public record Code(String image, List<String> roots, Optional<String> handler, Optional<String> noEntry) {

        /** An image whose build is not in the project. */
        public static Code notBuilt(String image) {
            return new Code(image, List.of(), Optional.empty(), Optional.empty());
        }
    }

    /** One build: the context folder, the Dockerfile and the tag it is given. */
    public record Build(Path context, Path dockerfile, String tag) {
    }

    private final Path root;
    private List<Build> scripted;

    public ImageBuilds(Path root) {
        this.root = root;
    }

    /**
     * The code of {@code image} when a build script of the project tags it (by repository), run with {@code command}
     * in place of its CMD when present.
     */
    public Code of(String image, Optional<List<String>> command) {
        Optional<String> repo = repository(image);
        if (repo.isEmpty()) {
            return Code.notBuilt(image);
        }
        return scripted().stream().filter(s -> repository(s.tag()).equals(repo)).findFirst()
                .map(b -> code(image, b, command)).orElse(Code.notBuilt(image));
    }

    /** The code of {@code image} built by {@code build}; no code when its Dockerfile is not there. */
    public Code code(String image, Build build, Optional<List<String>> command) {
        if (!Files.isRegularFile(build.dockerfile())) {
            return Code.notBuilt(image);
        }
        return dockerfile(image, build, command);
    }

    /** The repository path of an image reference, without registry host and tag; empty when part is unknown. */
    public static Optional<String> repository(String image) {
        String s = image.trim();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            s = s.substring(0, colon);
        }
        String[] parts = s.split("/");
        int first = parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":")
                || parts[0].contains(SymbolicValue.UNKNOWN) || parts[0].startsWith("$")) ? 1 : 0;
        String repo = String.join("/", java.util.Arrays.copyOfRange(parts, first, parts.length));
        if (repo.isEmpty() || repo.contains(SymbolicValue.UNKNOWN) || repo.contains("$")) {
            return Optional.empty();
        }
        return Optional.of(repo.toLowerCase(Locale.ROOT));
    }

    /** Whether a Python file is among the first entries below the roots (a bounded look). */
    private boolean holdsPython(List<String> roots) {
        for (String r : roots) {
            try (java.util.stream.Stream<Path> s = Files.walk(root.resolve(r), 8)) {
                if (s.limit(MAX_LOOKED_AT).anyMatch(p -> p.toString().endsWith(".py"))) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable folder shows no Python file
            }
        }
        return false;
    }

    /** The docker build commands of the project's build scripts, found once. */
    public List<Build> scripted() {
        if (scripted != null) {
            return scripted;
        }
        List<Build> out = new ArrayList<>();
        List<Path> scripts = new ArrayList<>();
        try {
            Files.walkFileTree(root, Set.of(), 6, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = String.valueOf(dir.getFileName());
                    return !dir.equals(root) && SkippedDirectories.NAMES.contains(n)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    boolean workflow = file.getParent() != null && String.valueOf(file.getParent().getFileName())
                            .equals("workflows") && (n.endsWith(".yml") || n.endsWith(".yaml"));
                    if ((n.equals("makefile") || n.endsWith(".mk") || n.endsWith(".sh") || workflow
                            || n.startsWith("buildspec")) && attrs.size() < MAX_SCRIPT_BYTES) {
                        scripts.add(file);
                    }
                    return scripts.size() >= MAX_SCRIPTS ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // an unreadable folder holds no build script we can use
        }
        for (Path f : scripts) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            // Workflows and buildspecs run from the repository's top; make and scripts from their own folder.
            Path base = f.getParent();
            if (String.valueOf(base.getFileName()).equals("workflows") && base.getParent() != null
                    && String.valueOf(base.getParent().getFileName()).equals(".github")) {
                base = base.getParent().getParent();
            }
            base = startFolder(text, base);
            Matcher m = DOCKER_BUILD.matcher(text.replace("\\\n", " "));
            while (m.find()) {
                command(m.group(1), base).ifPresent(out::add);
            }
        }
        scripted = out;
        return out;
    }

    /** {@code cd "$(dirname "$0")/.."}, directly or through a variable: the script's commands run from there. */
    private static final Pattern CD_UP = Pattern.compile(
            "(?m)^\\s*(?:cd\\s+|(\\w+)=)[^\\n]*dirname[^\\n]*?\\)\"?((?:/\\.\\.)+)");

    /**
     * The folder a script's commands run in: its own, or the one a {@code cd} relative to the script's location
     * names (the common {@code DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")"/.. && pwd)"; cd $DIR}).
     */
    public static Path startFolder(String script, Path folder) {
        Matcher m = CD_UP.matcher(script);
        if (!m.find()) {
            return folder;
        }
        String var = m.group(1);
        if (var != null && !script.contains("cd " + "$" + var) && !script.contains("cd \"$" + var)
                && !script.contains("cd ${" + var + "}") && !script.contains("cd \"${" + var + "}")) {
            return folder;
        }
        Path p = folder;
        for (int up = m.group(2).length() / 3; up > 0 && p.getParent() != null; up--) {
            p = p.getParent();
        }
        return p;
    }

    /** {@code -t TAG [-f FILE] CONTEXT}, with shell variables left as they are (they never match a repository). */
    private static Optional<Build> command(String args, Path base) {
        // A command substitution ($(cat .python-version)) is one shell word, whatever its spaces.
        String[] words = args.replaceAll("\\$\\([^)]*\\)", "\\$SUB").trim().split("\\s+");
        String tag = null;
        String file = null;
        String context = null;
        for (int i = 0; i < words.length; i++) {
            String w = words[i].replace("\"", "").replace("'", "");
            if ((w.equals("-t") || w.equals("--tag")) && i + 1 < words.length) {
                tag = tag == null ? words[++i].replace("\"", "").replace("'", "") : tag;
            } else if ((w.equals("-f") || w.equals("--file")) && i + 1 < words.length) {
                file = words[++i].replace("\"", "").replace("'", "");
            } else if (w.startsWith("--tag=")) {
                tag = tag == null ? w.substring(6) : tag;
            } else if (w.startsWith("--file=")) {
                file = w.substring(7);
            } else if (w.startsWith("-")) {
                if (!w.contains("=") && i + 1 < words.length && !words[i + 1].startsWith("-")
                        && List.of("--platform", "--build-arg", "--target", "--label", "--cache-from", "--network",
                        "--secret", "--progress", "--output", "-o").contains(w)) {
                    i++;
                }
            } else if (context == null) {
                context = w;
            }
        }
        if (tag == null || context == null || context.contains("$") || (file != null && file.contains("$"))) {
            return Optional.empty();
        }
        Path ctx = base.resolve(context).normalize();
        Path dockerfile = file == null ? ctx.resolve("Dockerfile") : base.resolve(file).normalize();
        return Optional.of(new Build(ctx, dockerfile, tag));
    }

    private Code dockerfile(String image, Build b, Optional<List<String>> command) {
        Optional<Dockerfile> read = Dockerfile.read(b.dockerfile());
        if (read.isEmpty()) {
            return Code.notBuilt(image);
        }
        Dockerfile d = command.map(read.get()::withCommand).orElse(read.get());
        List<String> roots = new ArrayList<>();
        for (Path p : d.copiedPaths(b.context())) {
            if (Files.isDirectory(p) || p.toString().endsWith(".py")) {
                roots.add(DisplayPaths.rel(root, p));
            }
        }
        // A Lambda base image runs CMD as the handler, module.function
        // (https://docs.aws.amazon.com/lambda/latest/dg/python-image.html).
        // The runtime interface client of a non-AWS base image takes it as its last argument (awslambdaric).
        String last = d.run().isEmpty() ? "" : d.run().get(d.run().size() - 1);
        if (last.matches("[A-Za-z_][\\w.]*\\.[A-Za-z_]\\w*") && !last.endsWith(".py")
                && (d.run().size() == 1 || d.run().contains("awslambdaric"))) {
            return new Code(image, roots, Optional.of(last), Optional.empty());
        }
        if (roots.isEmpty()) {
            return new Code(image, roots, Optional.empty(), Optional.empty());
        }
        // Any other image runs its CMD/ENTRYPOINT: a Python script's module-level code is where reachability starts.
        Dockerfile.Entry entry = d.entry(b.context());
        String shown = DisplayPaths.rel(root, b.dockerfile());
        if (entry.file().isEmpty()) {
            // An image that copies in configuration only (a grafana provisioning folder) runs no Python of ours.
            return new Code(image, roots, Optional.empty(), holdsPython(roots) ? Optional.of("the image built from '"
                    + shown + "' runs code whose entry point cannot be read: " + entry.why()) : Optional.empty());
        }
        Path file = entry.file().get();
        for (String r : roots) {
            Path rp = root.resolve(r).normalize();
            if (Files.isDirectory(rp) && file.startsWith(rp)) {
                String module = rp.relativize(file).toString().replace('\\', '/').replaceAll("\\.py$", "");
                return new Code(image, roots, Optional.of(module + "." + Reachability.MODULE), Optional.empty());
            } else if (file.equals(rp)) {
                String module = file.getFileName().toString().replaceAll("\\.py$", "");
                return new Code(image, roots, Optional.of(module + "." + Reachability.MODULE), Optional.empty());
            }
        }
        return new Code(image, roots, Optional.empty(), Optional.of("the image built from '" + shown + "' runs '"
                + DisplayPaths.rel(root, file) + "', which is not among the code it copies in"));
    }
}
