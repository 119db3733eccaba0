package dev.iampreflight.iac.serverless.internal;

import dev.iampreflight.project.internal.DisplayPaths;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which Python files of a service go into its package, from {@code package.patterns} (and the older
 * {@code include}/{@code exclude}): every file is in unless a later {@code !glob} leaves it out, and a later plain
 * glob takes it back (https://www.serverless.com/framework/docs/providers/aws/guide/packaging#patterns). Globs are
 * the simple ones real files use: {@code **}, {@code *}, {@code ?}, {@code {a,b}}; a pattern that names a directory
 * also covers what is in it. The result is a short list of code roots: a directory when all its Python files are in,
 * else the files themselves.
 */
public final class PackagePatterns {

    /** Above this many Python files the service directory is taken whole rather than listed file by file. */
    private static final int MAX_FILES = 5000;

    private PackagePatterns() {
    }

    /**
     * The code roots (relative to {@code root}) of the package built from {@code base} with {@code patterns}, each
     * written as the framework takes it ({@code !} for exclusion).
     */
    public static List<String> codeRoots(Path root, Path base, List<String> patterns, Set<String> skippedDirs) {
        String baseRel = DisplayPaths.rel(root, base);
        if (patterns.isEmpty()) {
            return List.of(baseRel);
        }
        List<Rule> rules = new ArrayList<>();
        for (String p : patterns) {
            boolean exclude = p.startsWith("!");
            String glob = (exclude ? p.substring(1) : p).trim();
            while (glob.startsWith("./")) {
                glob = glob.substring(2);
            }
            if (!glob.isEmpty()) {
                rules.add(new Rule(exclude, regex(glob)));
            }
        }
        List<String> files = pythonFiles(base, skippedDirs);
        if (files == null) {
            return List.of(baseRel);
        }
        // directory ("" for base) -> [files in, files out] over the whole subtree
        TreeMap<String, int[]> counts = new TreeMap<>();
        List<String> included = new ArrayList<>();
        for (String f : files) {
            boolean in = true;
            for (Rule r : rules) {
                if (r.matches(f)) {
                    in = !r.exclude;
                }
            }
            if (in) {
                included.add(f);
            }
            String dir = f;
            do {
                dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
                counts.computeIfAbsent(dir, k -> new int[2])[in ? 0 : 1]++;
            } while (!dir.isEmpty());
        }
        if (included.isEmpty() || counts.getOrDefault("", new int[2])[1] == 0) {
            return List.of(baseRel);
        }
        List<String> out = new ArrayList<>();
        String covered = null;
        for (String f : included) {
            if (covered != null && f.startsWith(covered + "/")) {
                continue;
            }
            // The highest directory of the file whose Python files are all in the package.
            String best = null;
            String dir = f;
            while (dir.contains("/")) {
                dir = dir.substring(0, dir.lastIndexOf('/'));
                int[] c = counts.get(dir);
                if (c != null && c[1] == 0) {
                    best = dir;
                }
            }
            if (best != null) {
                covered = best;
                out.add(join(baseRel, best));
            } else {
                out.add(join(baseRel, f));
            }
        }
        return out;
    }

    private static String join(String base, String rel) {
        return base.equals(".") ? rel : base + "/" + rel;
    }

    private record Rule(boolean exclude, Pattern pattern) {
        boolean matches(String file) {
            if (pattern.matcher(file).matches()) {
                return true;
            }
            // A pattern naming a directory covers what is in it.
            String dir = file;
            while (dir.contains("/")) {
                dir = dir.substring(0, dir.lastIndexOf('/'));
                if (pattern.matcher(dir).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Python files under {@code base}, '/'-separated and relative to it, sorted; null when there are too many. */
    private static List<String> pythonFiles(Path base, Set<String> skippedDirs) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(base) && (skippedDirs.contains(n) || n.equals(".serverless"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(".py")) {
                        out.add(base.relativize(file).toString().replace('\\', '/'));
                    }
                    return out.size() > MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return null;
        }
        if (out.size() > MAX_FILES) {
            return null;
        }
        out.sort(null);
        return out;
    }

    /** A glob as a regular expression over '/'-separated relative paths. */
    static Pattern regex(String glob) {
        StringBuilder sb = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            sb.append("(?:.*/)?"); // **/ : any number of directories, none included
                        } else {
                            sb.append(".*");
                        }
                    } else {
                        sb.append("[^/]*");
                    }
                }
                case '?' -> sb.append("[^/]");
                case '{' -> {
                    braces++;
                    sb.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        sb.append(')');
                    } else {
                        sb.append("\\}");
                    }
                }
                case ',' -> sb.append(braces > 0 ? "|" : ",");
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        while (braces-- > 0) {
            sb.append(')');
        }
        return Pattern.compile(sb.toString());
    }
}
