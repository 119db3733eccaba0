package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.iac.terraform.internal.Hcl.Block;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.DisplayPaths;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which code a Terraform Lambda function's package holds, from how the configuration builds it: an
 * {@code archive_file} (data source or resource, https://registry.terraform.io/providers/hashicorp/archive/latest/docs)
 * with {@code source_dir} (minus {@code excludes}), {@code source_file} or {@code source} blocks whose content is read
 * with {@code file()}; a zip uploaded by {@code aws_s3_object}/{@code aws_s3_bucket_object} that {@code s3_key}
 * names; and folders that a {@code null_resource}/{@code terraform_data} {@code local-exec} step copies into the
 * archived folder or zips. Relative paths are resolved against the directory Terraform runs in, as the archive
 * provider and {@code file()} do. Only folders of the project are ever returned.
 */
public final class Packaging {

    /** A listing of a folder's entries to drop excluded ones stops here: past it, the whole folder counts. */
    private static final int MAX_ENTRIES = 500;

    private final Path root;
    private final List<Instance> instances;

    public Packaging(Path root, List<Instance> instances) {
        this.root = root;
        this.instances = instances;
    }

    /** The code roots of a function declared in .tf, relative to the discovery root; empty when not known. */
    public List<String> ofFunction(HclRes r) {
        Instance in = r.instance();
        Optional<Hcl.Expr> filename = r.expression("filename");
        if (filename.isPresent()) {
            Optional<List<String>> direct = archiveReferenced(in, filename.get());
            if (direct.isPresent()) {
                return direct.get();
            }
            return Values.knownText(r.attr("filename")).map(p -> ofArchivePath(in, p)).orElse(List.of());
        }
        Optional<Hcl.Expr> key = r.expression("s3_key");
        if (key.isPresent()) {
            for (String ref : HclRes.refsOf(in, key.get())) {
                Block object = objectBlock(in, ref);
                if (object != null) {
                    return ofS3Object(in, object);
                }
            }
            Optional<String> k = Values.knownText(r.attr("s3_key"));
            if (k.isPresent()) {
                for (Instance i : instances) {
                    for (Block b : objects(i)) {
                        Optional<String> ok = b.body().attribute("key").flatMap(a -> Values.knownText(i.eval(
                                a.value())));
                        if (ok.equals(k)) {
                            return ofS3Object(i, b);
                        }
                    }
                }
            }
        }
        return List.of();
    }

    private static List<Block> objects(Instance i) {
        List<Block> out = new ArrayList<>(i.module().resourcesOfType("aws_s3_object"));
        out.addAll(i.module().resourcesOfType("aws_s3_bucket_object"));
        return out;
    }

    private static Block objectBlock(Instance in, String address) {
        String local = address.startsWith(in.prefix()) ? address.substring(in.prefix().length()) : address;
        Block b = in.module().resources().get(local);
        return b != null && (b.labels().get(0).equals("aws_s3_object")
                || b.labels().get(0).equals("aws_s3_bucket_object")) ? b : null;
    }

    private List<String> ofS3Object(Instance in, Block object) {
        Optional<Hcl.Expr> source = object.body().attribute("source").map(Hcl.Attribute::value);
        if (source.isEmpty()) {
            return List.of();
        }
        Optional<List<String>> direct = archiveReferenced(in, source.get());
        if (direct.isPresent()) {
            return direct.get();
        }
        return Values.knownText(in.eval(source.get())).map(p -> ofArchivePath(in, p)).orElse(List.of());
    }

    /** An expression like {@code data.archive_file.x.output_path} or {@code archive_file.x.output_path}. */
    private Optional<List<String>> archiveReferenced(Instance in, Hcl.Expr e) {
        Hcl.Expr x = e;
        if (x instanceof Hcl.Template t && t.parts().size() == 1 && t.parts().get(0) instanceof Hcl.Expr inner) {
            x = inner;
        }
        List<String> names = new ArrayList<>();
        while (true) {
            if (x instanceof Hcl.GetAttr g) {
                names.add(0, g.name());
                x = g.target();
            } else if (x instanceof Hcl.Index ix) {
                x = ix.target();
            } else {
                break;
            }
        }
        if (!(x instanceof Hcl.Variable v)) {
            return Optional.empty();
        }
        Block b = null;
        if (v.name().equals("data") && names.size() >= 2 && names.get(0).equals("archive_file")) {
            b = in.module().data().get("archive_file." + names.get(1));
        } else if (v.name().equals("archive_file") && !names.isEmpty()) {
            b = in.module().resources().get("archive_file." + names.get(0));
        }
        return b == null ? Optional.empty() : Optional.of(ofArchive(in, b));
    }

    /**
     * The code of a zip named by path (relative to the directory Terraform runs in): the archive_file whose
     * output_path it is, else a local-exec step that zips folders into it; empty when nothing builds it.
     */
    List<String> ofArchivePath(Instance from, String path) {
        Path wanted = from.context().cwd().resolve(path).normalize();
        for (Instance i : instances) {
            for (Block b : archives(i)) {
                Optional<String> out = b.body().attribute("output_path").flatMap(a -> Values.knownText(i.eval(
                        a.value())));
                if (out.isPresent() && i.context().cwd().resolve(out.get()).normalize().equals(wanted)) {
                    return ofArchive(i, b);
                }
            }
        }
        // A zip command of a build step: what it zips, and what the step's copies put into a zipped folder that only
        // the build fills (cd build/x && zip -r ../x.zip . after cp -r ../src/x/* build/x/).
        Set<String> out = new LinkedHashSet<>();
        for (Path p : BuildSteps.zipped(instances, wanted)) {
            if (inProject(p)) {
                out.add(DisplayPaths.rel(root, p));
            }
            for (Path c : BuildSteps.copiedInto(instances, p)) {
                if (inProject(c)) {
                    out.add(DisplayPaths.rel(root, c));
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<Block> archives(Instance i) {
        List<Block> out = new ArrayList<>();
        i.module().data().forEach((k, b) -> {
            if (k.startsWith("archive_file.")) {
                out.add(b);
            }
        });
        out.addAll(i.module().resourcesOfType("archive_file"));
        return out;
    }

    /** Code may live beside the configuration rather than under it (../src): any folder that exists counts. */
    private boolean inProject(Path p) {
        return Files.exists(p);
    }

    List<String> ofArchive(Instance in, Block archive) {
        Path cwd = in.context().cwd();
        Set<String> out = new LinkedHashSet<>();
        Optional<String> file = archive.body().attribute("source_file").flatMap(a -> Values.knownText(in.eval(
                a.value())));
        file.map(f -> cwd.resolve(f).normalize()).filter(this::inProject).ifPresent(p -> out.add(DisplayPaths.rel(
                root, p)));
        Optional<String> dir = archive.body().attribute("source_dir").flatMap(a -> Values.knownText(in.eval(
                a.value())));
        if (dir.isPresent()) {
            Path d = cwd.resolve(dir.get()).normalize();
            List<String> excludes = new ArrayList<>();
            archive.body().attribute("excludes").ifPresent(a -> Values.items(in.eval(a.value())).forEach(x ->
                    Values.knownText(x).ifPresent(excludes::add)));
            if (Files.isDirectory(d) && inProject(d)) {
                out.addAll(withoutExcluded(d, excludes));
            }
            // A folder filled by a build step (copied sources) holds what the step copies, also when a committed
            // copy of it exists.
            for (Path p : BuildSteps.copiedInto(instances, d)) {
                if (inProject(p)) {
                    out.add(DisplayPaths.rel(root, p));
                }
            }
        }
        for (Instance.Scoped s : in.blocks(archive.body(), "source", java.util.Map.of())) {
            s.block().body().attribute("content").ifPresent(a -> fileArguments(in, a.value(), out));
        }
        return List.copyOf(out);
    }

    /** The files a {@code source} block's content reads with file()/templatefile(). */
    private void fileArguments(Instance in, Hcl.Expr e, Set<String> out) {
        if (e instanceof Hcl.Call c) {
            if ((c.name().equals("file") || c.name().equals("templatefile")) && !c.args().isEmpty()) {
                Values.knownText(in.eval(c.args().get(0))).map(f -> in.context().cwd().resolve(f).normalize())
                        .filter(this::inProject).ifPresent(p -> out.add(DisplayPaths.rel(root, p)));
            } else {
                c.args().forEach(a -> fileArguments(in, a, out));
            }
        } else if (e instanceof Hcl.Template t) {
            t.parts().forEach(p -> {
                if (p instanceof Hcl.Expr x) {
                    fileArguments(in, x, out);
                }
            });
        }
    }

    /**
     * The folder as code roots: itself when nothing is excluded, else its entries that are not excluded (a
     * {@code tests/x.py} exclude opens {@code tests/} one level further). Excludes are paths or glob patterns
     * relative to source_dir (archive provider 2.3+).
     */
    List<String> withoutExcluded(Path dir, List<String> excludes) {
        if (excludes.isEmpty()) {
            return List.of(DisplayPaths.rel(root, dir));
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String x : excludes) {
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + x.replaceAll("^\\./", "")
                        .replaceAll("/+$", "")));
            } catch (RuntimeException e) {
                // not a valid glob: compared as a plain path below
            }
        }
        List<String> out = new ArrayList<>();
        if (!expand(dir, dir, excludes, matchers, out, 0)) {
            return List.of(DisplayPaths.rel(root, dir));
        }
        return out;
    }

    private boolean expand(Path base, Path dir, List<String> excludes, List<PathMatcher> matchers, List<String> out,
                           int depth) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().limit(MAX_ENTRIES + 1L).toList();
        } catch (IOException e) {
            return false;
        }
        if (entries.size() > MAX_ENTRIES || depth > 3) {
            return false;
        }
        for (Path p : entries) {
            String rel = base.relativize(p).toString().replace('\\', '/');
            Path relPath = base.relativize(p);
            boolean excluded = excludes.stream().anyMatch(x -> x.replaceAll("^\\./", "").replaceAll("/+$", "")
                    .equals(rel)) || matchers.stream().anyMatch(m -> m.matches(relPath));
            if (excluded) {
                continue;
            }
            boolean opens = Files.isDirectory(p) && excludes.stream().anyMatch(x -> x.replaceAll("^\\./", "")
                    .startsWith(rel + "/"));
            if (opens) {
                if (!expand(base, p, excludes, matchers, out, depth + 1)) {
                    return false;
                }
            } else {
                out.add(DisplayPaths.rel(root, p));
            }
        }
        return true;
    }

    /** Text of a local-exec command with its working directory, for {@link BuildSteps}. */
    record Command(String text, Path workingDir) {
    }

    static List<Command> commands(List<Instance> instances) {
        List<Command> out = new ArrayList<>();
        for (Instance i : instances) {
            List<Block> steps = new ArrayList<>(i.module().resourcesOfType("null_resource"));
            steps.addAll(i.module().resourcesOfType("terraform_data"));
            for (Block b : steps) {
                for (Block p : b.body().blocks("provisioner")) {
                    if (p.labels().isEmpty() || !p.labels().get(0).equals("local-exec")) {
                        continue;
                    }
                    Optional<String> text = p.body().attribute("command").map(a -> Values.text(i.eval(a.value())));
                    Path wd = p.body().attribute("working_dir").flatMap(a -> Values.knownText(i.eval(a.value())))
                            .map(w -> i.context().cwd().resolve(w).normalize()).orElse(i.context().cwd());
                    text.filter(t -> !t.equals(SymbolicValue.UNKNOWN)).ifPresent(t -> out.add(new Command(t, wd)));
                }
            }
        }
        return out;
    }

}
