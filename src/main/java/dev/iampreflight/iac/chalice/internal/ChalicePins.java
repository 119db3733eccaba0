package dev.iampreflight.iac.chalice.internal;

import dev.iampreflight.core.PythonVersions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chalice release a project installs, from its dependency files: lock files first (Pipfile.lock, poetry.lock,
 * uv.lock: the exact version), then requirement specifiers (requirements*.txt, requirements/*.txt, Pipfile,
 * pyproject.toml), nearest folder first from the app's folder up to the checked root. A range installs the newest
 * release it allows, so only its upper bound matters.
 */
public final class ChalicePins {

    /**
     * The version found: {@code exact} (a lock file or {@code ==}) or {@code below} (the newest release below this
     * one is installed); both empty when the specifier sets no upper bound. {@code file} and {@code line} say where.
     */
    public record Pin(String text, Optional<String> exact, Optional<String> below, Path file, int line) {
    }

    private static final Pattern REQUIREMENT = Pattern.compile(
            "(?im)^[ \\t]*chalice[ \\t]*(?:\\[[^\\]]*\\])?[ \\t]*([<>=!~][^;#\\r\\n]*)?[ \\t]*(?:[;#].*)?\\r?$");
    private static final Pattern PIPFILE_LOCK = Pattern.compile(
            "\"chalice\"\\s*:\\s*\\{[^}]*?\"version\"\\s*:\\s*\"==([^\"]+)\"");
    private static final Pattern TOML_LOCK = Pattern.compile(
            "(?m)^name\\s*=\\s*\"chalice\"\\s*\\r?\\nversion\\s*=\\s*\"([^\"]+)\"");
    /** {@code chalice = "^1.21"} or {@code chalice = {version = ">=1.20", ...}} (Pipfile, poetry). */
    private static final Pattern TOML_DEPENDENCY = Pattern.compile(
            "(?m)^[ \\t]*\"?chalice\"?[ \\t]*=[ \\t]*(?:\\{[^}\\n]*?version[ \\t]*=[ \\t]*)?\"([^\"]*)\"");
    /** A PEP 621 dependency string: {@code "chalice>=1.20,<2"}. */
    private static final Pattern PEP621 = Pattern.compile("\"chalice[ \\t]*(?:\\[[^\\]]*\\])?[ \\t]*([<>=!~][^\";]*)?");

    private ChalicePins() {
    }

    /** The pin that decides the installed chalice, searching {@code appDir} and its parents up to {@code root}. */
    public static Optional<Pin> find(Path root, Path appDir) {
        Path stop = root.toAbsolutePath().normalize();
        for (Path dir = appDir.toAbsolutePath().normalize(); dir != null && dir.startsWith(stop);
             dir = dir.getParent()) {
            Optional<Pin> p = inFolder(dir);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Pin> inFolder(Path dir) {
        for (String lock : List.of("Pipfile.lock", "poetry.lock", "uv.lock")) {
            Path f = dir.resolve(lock);
            Optional<String> text = read(f);
            if (text.isEmpty()) {
                continue;
            }
            Matcher m = (lock.equals("Pipfile.lock") ? PIPFILE_LOCK : TOML_LOCK).matcher(text.get());
            if (m.find()) {
                return Optional.of(new Pin("chalice " + m.group(1) + " (locked)", Optional.of(m.group(1)),
                        Optional.empty(), f, line(text.get(), m.start())));
            }
        }
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("(?i)requirements.*\\.(txt|in)"))
                    .sorted().forEach(files::add);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Path reqDir = dir.resolve("requirements");
        if (Files.isDirectory(reqDir)) {
            try (var s = Files.list(reqDir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().forEach(files::add);
            } catch (IOException | RuntimeException e) {
                // an unreadable folder pins nothing
            }
        }
        // An exact pin (pip-compile's requirements.txt) outranks the loose requirements.in it was compiled from.
        Optional<Pin> loose = Optional.empty();
        for (Path f : files) {
            Optional<String> text = read(f);
            Matcher m = text.map(REQUIREMENT::matcher).orElse(null);
            if (m != null && m.find()) {
                Pin p = pin(m.group(1), f, line(text.get(), m.start()));
                if (p.exact().isPresent()) {
                    return Optional.of(p);
                }
                loose = loose.or(() -> Optional.of(p));
            }
        }
        if (loose.isPresent()) {
            return loose;
        }
        for (String name : List.of("Pipfile", "pyproject.toml")) {
            Path f = dir.resolve(name);
            Optional<String> text = read(f);
            if (text.isEmpty()) {
                continue;
            }
            Matcher m = TOML_DEPENDENCY.matcher(text.get());
            if (m.find()) {
                return Optional.of(pin(PythonVersions.poetry(m.group(1)), f, line(text.get(), m.start())));
            }
            m = PEP621.matcher(text.get());
            if (name.equals("pyproject.toml") && m.find()) {
                return Optional.of(pin(m.group(1), f, line(text.get(), m.start())));
            }
        }
        return Optional.empty();
    }

    /** Reads a PEP 440 specifier list: {@code ==} is exact; the tightest {@code <}, {@code <=}, {@code ~=} bounds. */
    static Pin pin(String spec, Path file, int line) {
        String s = spec == null ? "" : spec.strip();
        Optional<String> exact = Optional.empty();
        Optional<String> below = Optional.empty();
        for (String clause : s.split(",")) {
            String c = clause.strip();
            if (c.startsWith("===") || c.startsWith("==") && !c.endsWith("*")) {
                exact = Optional.of(c.replaceFirst("^=+", "").strip());
            } else if (c.startsWith("==")) {
                below = tighter(below, PythonVersions.firstPast(c.substring(2, c.length() - 1).replaceAll("\\.$", "").strip()));
            } else if (c.startsWith("<=")) {
                // The newest release at or below X: X itself behaves as the next release below X.1.
                below = tighter(below, c.substring(2).strip() + ".0.1");
            } else if (c.startsWith("<")) {
                below = tighter(below, c.substring(1).strip());
            } else if (c.startsWith("~=")) {
                String v = c.substring(2).strip();
                int dot = v.lastIndexOf('.');
                below = tighter(below, PythonVersions.firstPast(dot < 0 ? v : v.substring(0, dot)));
            }
        }
        return new Pin("chalice" + s, exact, exact.isPresent() ? Optional.empty() : below, file, line);
    }

    private static Optional<String> tighter(Optional<String> current, String candidate) {
        if (current.isEmpty()) {
            return Optional.of(candidate);
        }
        return PythonVersions.compare(candidate, current.get()) < 0 ? Optional.of(candidate) : current;
    }


    private static Optional<String> read(Path f) {
        try {
            if (!Files.isRegularFile(f) || Files.size(f) > 2_000_000) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        // The match may start with the newline ending the previous line.
        return text.length() > offset && text.charAt(offset) == '\n' ? line + 1 : line;
    }
}
