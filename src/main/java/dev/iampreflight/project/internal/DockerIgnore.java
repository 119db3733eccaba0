package dev.iampreflight.project.internal;

import dev.iampreflight.core.InputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code .dockerignore} of a build context: what {@code docker build} leaves out of the context, so out of any
 * image built from it (https://docs.docker.com/build/concepts/context/#dockerignore-files). Patterns are matched
 * against context-relative paths with {@code *}, {@code ?} and {@code **}; a pattern matching a folder leaves out
 * everything below it; a later {@code !pattern} takes a path back in.
 */
public final class DockerIgnore {

    /** Entries of one folder examined at most when a copied folder is split around what is ignored. */
    private static final int MAX_ENTRIES = 500;

    private record Rule(Pattern pattern, boolean exception) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /** The context's {@code .dockerignore}; an empty one when there is none or it cannot be read. */
    public static DockerIgnore read(Path context) {
        List<Rule> rules = new ArrayList<>();
        Path file = context.resolve(".dockerignore");
        if (Files.isRegularFile(file)) {
            try {
                for (String line : new String(InputFiles.readBytes(file, 1 << 20), StandardCharsets.UTF_8)
                        .split("\\R")) {
                    parse(line).ifPresent(rules::add);
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable .dockerignore leaves the whole context in, as if there were none
            }
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** For tests: the rules of the given lines. */
    static DockerIgnore of(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        lines.forEach(l -> parse(l).ifPresent(rules::add));
        return new DockerIgnore(List.copyOf(rules));
    }

    private static java.util.Optional<Rule> parse(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return java.util.Optional.empty();
        }
        boolean exception = t.startsWith("!");
        String p = (exception ? t.substring(1).strip() : t).replace('\\', '/');
        p = p.replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
        if (p.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Rule(Pattern.compile(glob(p)), exception));
    }

    /** Go's filepath.Match syntax plus {@code **} (any number of folders), as Docker reads it. */
    private static String glob(String p) {
        return dev.iampreflight.core.PathGlobs.regex(p);
    }

    /** Whether the context-relative {@code path} ("" for the context) is left out of the build context. */
    public boolean excludes(String path) {
        if (path.isEmpty() || rules.isEmpty()) {
            return false;
        }
        boolean out = false;
        for (Rule r : rules) {
            // A pattern naming a folder leaves out what is below it.
            String prefix = path;
            boolean matched = false;
            while (!prefix.isEmpty() && !matched) {
                matched = r.pattern().matcher(prefix).matches();
                int slash = prefix.lastIndexOf('/');
                prefix = slash < 0 ? "" : prefix.substring(0, slash);
            }
            if (matched) {
                out = !r.exception();
            }
        }
        return out;
    }

    /**
     * {@code copied} (a file or folder of {@code context}) as what the build context keeps of it: itself when nothing
     * right below it is left out, else its folders and Python files that are kept (one level; deeper
     * exclusions stay in).
     */
    public List<Path> kept(Path context, Path copied) {
        if (rules.isEmpty() || !Files.isDirectory(copied)) {
            return List.of(copied);
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(copied)) {
            entries = s.limit(MAX_ENTRIES).sorted().toList();
        } catch (IOException e) {
            return List.of(copied);
        }
        List<Path> kept = new ArrayList<>();
        boolean left = false;
        for (Path e : entries) {
            boolean code = Files.isDirectory(e) || e.getFileName().toString().endsWith(".py");
            if (excludes(context.relativize(e).toString().replace('\\', '/'))) {
                left = true;
            } else if (code) {
                kept.add(e);
            }
        }
        return left ? kept : List.of(copied);
    }
}
