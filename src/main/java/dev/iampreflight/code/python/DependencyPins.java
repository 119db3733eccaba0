package dev.iampreflight.code.python;

import dev.iampreflight.core.PythonVersions;
import dev.iampreflight.core.SourceLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The third-party packages a project names in its dependency files (requirements*.txt and requirements/*.txt,
 * Pipfile, pyproject.toml, Pipfile.lock, poetry.lock, within a few folders of the scanned root), with their version
 * specifiers. Used to decide library calls that only some versions make, and to name packages known to call AWS that
 * no model covers. pip installs the newest release a specifier allows, so a specifier without an upper bound or pin
 * leaves the version open.
 */
final class DependencyPins {

    /** A package as one file names it: its specifier ("" when none) and where. */
    record Dependency(String name, String spec, SourceLocation at) {
    }

    static final DependencyPins NONE = new DependencyPins(List.of());

    private static final int MAX_DEPTH = 3;
    private static final long MAX_BYTES = 1L << 20;
    private static final Pattern REQUIREMENT = Pattern.compile(
            "^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^\\]]*\\])?\\s*((?:[<>=!~]=?|===)[^;#]*)?\\s*(?:[;#].*)?$");
    private static final Pattern TOML_DEPENDENCY = Pattern.compile(
            "^\\s*\"?([A-Za-z0-9][A-Za-z0-9._-]*)\"?\\s*=\\s*(?:\\{[^}]*?version\\s*=\\s*)?\"([^\"]*)\"");
    private static final Pattern PEP621 = Pattern.compile(
            "\"([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^\\]]*\\])?\\s*((?:[<>=!~]=?|===)[^\";]*)?\\s*(?:;[^\"]*)?\"");
    private static final Pattern PIPFILE_LOCK = Pattern.compile(
            "\"([A-Za-z0-9][A-Za-z0-9._-]*)\"\\s*:\\s*\\{[^{}]*?\"version\"\\s*:\\s*\"(==[^\"]+)\"");
    private static final Pattern POETRY_LOCK = Pattern.compile(
            "(?m)^name\\s*=\\s*\"([^\"]+)\"\\s*\\r?\\nversion\\s*=\\s*\"([^\"]+)\"");

    private final List<Dependency> dependencies;

    DependencyPins(List<Dependency> dependencies) {
        this.dependencies = List.copyOf(dependencies);
    }

    List<Dependency> dependencies() {
        return dependencies;
    }

    /** Reads the dependency files under {@code root} (skipping virtualenvs, node_modules and build output). */
    static DependencyPins read(Path root) {
        List<Dependency> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new DependencyPins(out);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, MAX_DEPTH)) {
            s.filter(p -> Files.isRegularFile(p) && isDependencyFile(p) && !skipped(root, p)).sorted()
                    .forEach(files::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            return new DependencyPins(out);
        }
        for (Path f : files) {
            String text;
            try {
                if (Files.size(f) > MAX_BYTES) {
                    continue;
                }
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException e) {
                continue;
            }
            String rel = root.relativize(f).toString().replace('\\', '/');
            parse(f.getFileName().toString(), text, rel, out);
        }
        return new DependencyPins(out);
    }

    private static boolean isDependencyFile(Path p) {
        String n = p.getFileName().toString();
        String parent = p.getParent() == null ? "" : p.getParent().getFileName().toString();
        return n.matches("(?i)requirements.*\\.(txt|in)") || parent.equals("requirements") && n.endsWith(".txt")
                || n.equals("Pipfile") || n.equals("pyproject.toml") || n.equals("Pipfile.lock")
                || n.equals("poetry.lock");
    }

    private static boolean skipped(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (PythonScanner.SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    static void parse(String fileName, String text, String rel, List<Dependency> out) {
        String[] lines = text.split("\\R", -1);
        if (fileName.equals("Pipfile.lock")) {
            Matcher m = PIPFILE_LOCK.matcher(text);
            while (m.find()) {
                out.add(new Dependency(LibraryModels.normal(m.group(1)), m.group(2), at(rel, text, m.start())));
            }
            return;
        }
        if (fileName.equals("poetry.lock")) {
            Matcher m = POETRY_LOCK.matcher(text);
            while (m.find()) {
                out.add(new Dependency(LibraryModels.normal(m.group(1)), "==" + m.group(2), at(rel, text, m.start())));
            }
            return;
        }
        boolean toml = fileName.equals("Pipfile") || fileName.equals("pyproject.toml");
        String section = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!toml) {
                if (line.strip().startsWith("-") || line.contains("://")) {
                    continue; // -r other.txt, -e ., a URL: no package name with a version here
                }
                Matcher m = REQUIREMENT.matcher(line);
                if (m.matches()) {
                    out.add(new Dependency(LibraryModels.normal(m.group(1)), spec(m.group(2)),
                            new SourceLocation(rel, i + 1, 1)));
                }
                continue;
            }
            String t = line.strip();
            if (t.startsWith("[")) {
                section = t;
                continue;
            }
            boolean depSection = section.matches("\\[(packages|dev-packages|tool\\.poetry\\.(dev-)?dependencies"
                    + "|tool\\.poetry\\.group\\.[^\\]]+\\.dependencies)\\]");
            Matcher m = TOML_DEPENDENCY.matcher(line);
            if (depSection && m.find() && !m.group(1).equals("python")) {
                out.add(new Dependency(LibraryModels.normal(m.group(1)), PythonVersions.poetry(m.group(2)),
                        new SourceLocation(rel, i + 1, 1)));
                continue;
            }
            if (fileName.equals("pyproject.toml") && (section.equals("[project]")
                    || section.startsWith("[project.optional-dependencies"))) {
                Matcher p = PEP621.matcher(line);
                while (p.find()) {
                    if (t.startsWith("name") || t.startsWith("version") || t.startsWith("requires-python")
                            || t.startsWith("description")) {
                        break;
                    }
                    out.add(new Dependency(LibraryModels.normal(p.group(1)), spec(p.group(2)),
                            new SourceLocation(rel, i + 1, p.start() + 1)));
                }
            }
        }
    }

    private static String spec(String s) {
        return s == null ? "" : s.strip();
    }


    private static SourceLocation at(String rel, String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new SourceLocation(rel, line, 1);
    }

    /**
     * Whether the installed version of {@code pypi} satisfies {@code bound} ({@code <5.3.0}, {@code >=2.0}): true or
     * false when every file that names the package decides it, empty when the version is open (no pin and no bound
     * that settles it, the package not named, or files that disagree).
     */
    Optional<Boolean> makes(String pypi, String bound) {
        String name = LibraryModels.normal(pypi);
        Boolean answer = null;
        for (Dependency d : dependencies) {
            if (!d.name().equals(name)) {
                continue;
            }
            Optional<Boolean> one = decide(d.spec(), bound);
            if (one.isEmpty() || answer != null && answer != one.get()) {
                return Optional.empty();
            }
            answer = one.get();
        }
        return Optional.ofNullable(answer);
    }

    /**
     * One specifier against one bound. The versions a specifier admits lie in [min, max): {@code ==X} is [X, X],
     * {@code <X} and {@code ~=} give max, {@code >=}/{@code >} give min.
     */
    static Optional<Boolean> decide(String spec, String bound) {
        String min = null;
        String max = null;
        boolean maxInclusive = false;
        for (String clause : spec.split(",")) {
            String c = clause.strip();
            if (c.startsWith("===") || c.startsWith("==") && !c.endsWith("*")) {
                min = c.replaceFirst("^=+", "").strip();
                max = min;
                maxInclusive = true;
            } else if (c.startsWith("==")) {
                String prefix = c.substring(2, c.length() - 1).replaceAll("\\.$", "").strip();
                min = prefix;
                max = PythonVersions.firstPast(prefix);
            } else if (c.startsWith("<=")) {
                max = c.substring(2).strip();
                maxInclusive = true;
            } else if (c.startsWith("<")) {
                max = c.substring(1).strip();
            } else if (c.startsWith("~=")) {
                String v = c.substring(2).strip();
                int dot = v.lastIndexOf('.');
                min = v;
                max = PythonVersions.firstPast(dot < 0 ? v : v.substring(0, dot));
            } else if (c.startsWith(">=") || c.startsWith(">")) {
                min = c.replaceFirst("^>=?", "").strip();
            }
        }
        if (min != null && !min.matches("\\d+(\\.\\d+)*.*") || max != null && !max.matches("\\d+(\\.\\d+)*.*")) {
            return Optional.empty(); // not a PEP 440 release number (pip refuses or reads it otherwise)
        }
        boolean below = bound.startsWith("<");
        String v = bound.replaceFirst("^[<>]=?", "");
        boolean inclusive = bound.contains("=");
        // Does every admitted version satisfy the bound? Does none?
        if (below) {
            boolean all = max != null && (maxInclusive ? PythonVersions.compare(max, v) < 0 || inclusive && PythonVersions.compare(max, v) == 0
                    : PythonVersions.compare(max, v) <= 0);
            boolean none = min != null && (inclusive ? PythonVersions.compare(min, v) > 0 : PythonVersions.compare(min, v) >= 0);
            return all ? Optional.of(true) : none ? Optional.of(false) : Optional.empty();
        }
        boolean all = min != null && (inclusive ? PythonVersions.compare(min, v) >= 0 : PythonVersions.compare(min, v) > 0);
        boolean none = max != null && (maxInclusive ? PythonVersions.compare(max, v) < 0 : PythonVersions.compare(max, v) <= 0);
        return all ? Optional.of(true) : none ? Optional.of(false) : Optional.empty();
    }


    /** Every package named, by normal name, with its first location. */
    Map<String, Dependency> named() {
        Map<String, Dependency> out = new LinkedHashMap<>();
        dependencies.forEach(d -> out.putIfAbsent(d.name(), d));
        return out;
    }
}
