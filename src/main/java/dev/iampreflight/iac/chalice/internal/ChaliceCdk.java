package dev.iampreflight.iac.chalice.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code chalice.cdk.Chalice} construct that deploys a Chalice project, in the CDK program next to it, and
 * reads its {@code stage_config}. chalice passes that dict to {@code package_app} as the user-provided parameters
 * ({@code chalice/cdk/construct.py} {@code _package_app}, {@code chalice/api/__init__.py} {@code package_app}), which
 * {@code Config._chain_lookup} consults before every level of {@code .chalice/config.json}: a {@code manage_iam_role}
 * or {@code iam_role_arn} there wins over the file. The stage chalice packages is named after the construct's scope
 * ({@code scope.to_string()}). A light scan, not Python: only literal values are taken; any other value is unknown.
 */
public final class ChaliceCdk {

    /** A setting of {@code stage_config}: its literal value (absent when not a literal) and its source text. */
    public record Value(Optional<String> literal, String text, int line) {
        public boolean isTrue() {
            return literal.map("True"::equals).orElse(false);
        }

        public boolean isFalse() {
            return literal.map("False"::equals).orElse(false);
        }
    }

    /**
     * The construct deploying the project: the CDK file (relative to the search root) and line, its stage_config
     * entries, environment variables, and where the CDK program reaches chalice's generated role
     * ({@code get_role('DefaultRole')}), i.e. adds statements the tool cannot read.
     */
    public record Deploy(Path file, int line, Map<String, Value> settings, Map<String, Value> environment,
                         List<Value> roleGrants) {
    }

    private static final int MAX_DEPTH = 5;
    private static final int MAX_FILES = 2000;
    private static final long MAX_BYTES = 1024 * 1024;
    private static final Pattern CONSTRUCT = Pattern.compile("\\b(\\w+(?:\\.cdk)?\\.)?(\\w+)\\s*\\(");
    private static final Pattern IMPORT = Pattern.compile(
            "from\\s+chalice\\.cdk\\s+import\\s+\\(?\\s*Chalice(?:\\s+as\\s+(\\w+))?");
    private static final Pattern GET_ROLE = Pattern.compile("\\.get_role\\s*\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)");
    private static final Pattern STRING = Pattern.compile("[rbuRBUf]?(['\"])(.*?)\\1");

    private ChaliceCdk() {
    }

    /**
     * The construct whose {@code source_dir} names {@code projectDir}, searched in the Python files under the
     * project's parent folder (where {@code chalice new-project --project-type cdk-ddb} puts {@code infrastructure/}
     * beside {@code runtime/}); bounded in depth and file count.
     */
    public static Optional<Deploy> find(Path projectDir, Set<String> skipped) {
        Path parent = projectDir.toAbsolutePath().normalize().getParent();
        if (parent == null || projectDir.getFileName() == null) {
            return Optional.empty();
        }
        Path project = projectDir.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(parent, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = String.valueOf(dir.getFileName());
                    return !dir.equals(parent) && (dir.equals(project) || skipped.contains(n) || n.startsWith("."))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.toString().endsWith(".py") && attrs.size() < MAX_BYTES) {
                        files.add(file);
                    }
                    return files.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        files.sort(null);
        String name = projectDir.getFileName().toString();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (!text.contains("chalice.cdk")) {
                continue;
            }
            Optional<Deploy> d = read(f, text, name);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    static Optional<Deploy> read(Path file, String text, String projectName) {
        Matcher imp = IMPORT.matcher(text);
        String cls = imp.find() && imp.group(1) != null ? imp.group(1) : "Chalice";
        Matcher c = CONSTRUCT.matcher(text);
        while (c.find()) {
            boolean qualified = c.group(1) != null && c.group(1).endsWith("cdk.");
            if (!(c.group(2).equals(cls) && (c.group(1) == null || qualified))
                    && !(qualified && c.group(2).equals("Chalice"))) {
                continue;
            }
            Optional<String> args = DecoratorScanner.balanced(text, c.end() - 1);
            if (args.isEmpty()) {
                continue;
            }
            int argsAt = c.end();
            List<String> parts = DecoratorScanner.splitTopLevel(args.get());
            Optional<String> sourceDir = argument(parts, "source_dir", 2);
            if (sourceDir.isEmpty() || !namesProject(text, sourceDir.get(), projectName)) {
                continue;
            }
            Map<String, Value> settings = new LinkedHashMap<>();
            Map<String, Value> env = new LinkedHashMap<>();
            Optional<String> config = argument(parts, "stage_config", 3).map(String::trim);
            if (config.isPresent()) {
                String dict = config.get();
                int at = text.indexOf(dict, argsAt);
                if (dict.matches("\\w+")) {
                    // stage_config=config where config = {...} is written earlier in the file.
                    Matcher a = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(dict) + "\\s*=\\s*\\{").matcher(text);
                    if (a.find()) {
                        at = a.end() - 1;
                        dict = "{" + DecoratorScanner.balanced(text, at).orElse("") + "}";
                    }
                }
                if (dict.startsWith("{") && dict.endsWith("}")) {
                    entries(text, dict.substring(1, dict.length() - 1), Math.max(at, 0), settings);
                    Value ev = settings.remove("environment_variables");
                    if (ev != null && ev.text().startsWith("{") && ev.text().endsWith("}")) {
                        entries(text, ev.text().substring(1, ev.text().length() - 1),
                                text.indexOf(ev.text(), Math.max(at, 0)), env);
                    }
                }
            }
            List<Value> grants = new ArrayList<>();
            Matcher g = GET_ROLE.matcher(text);
            while (g.find()) {
                grants.add(new Value(Optional.of(g.group(1)), g.group(0).substring(1), lineOf(text, g.start())));
            }
            return Optional.of(new Deploy(file, lineOf(text, c.start()), settings, env, grants));
        }
        return Optional.empty();
    }

    /** Keyword {@code name=}, else the positional argument at {@code index} (scope, id, source_dir, stage_config). */
    private static Optional<String> argument(List<String> parts, String name, int index) {
        for (String p : parts) {
            Matcher m = Pattern.compile("^\\s*" + name + "\\s*=(?!=)").matcher(p);
            if (m.find()) {
                return Optional.of(p.substring(m.end()).trim());
            }
        }
        if (index < parts.size() && !parts.get(index).matches("(?s)\\s*\\w+\\s*=(?!=).*")) {
            return Optional.of(parts.get(index).trim());
        }
        return Optional.empty();
    }

    /**
     * True when the {@code source_dir} expression ends in the project folder's name: a literal path
     * ({@code "runtime"}, {@code "../runtime"}), or a variable of this file assigned such an expression
     * ({@code RUNTIME_SOURCE_DIR = os.path.join(os.path.dirname(...), os.pardir, "runtime")}).
     */
    private static boolean namesProject(String text, String expr, String projectName) {
        String e = expr.trim();
        if (e.matches("[\\w.]+") && !e.contains("(")) {
            Matcher a = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(e.substring(e.lastIndexOf('.') + 1))
                    + "\\s*(?::[^=\\n]+)?=\\s*(.+)$").matcher(text);
            if (!a.find()) {
                return false;
            }
            int open = a.start(1);
            e = a.group(1).contains("(") ? text.substring(open, open + a.group(1).indexOf('(') + 1)
                    + DecoratorScanner.balanced(text, open + a.group(1).indexOf('(')).orElse("") + ")" : a.group(1);
        }
        String last = null;
        Matcher s = STRING.matcher(e);
        while (s.find()) {
            last = s.group(2);
        }
        if (last == null) {
            return false;
        }
        String[] segments = last.replace('\\', '/').split("/");
        for (int k = segments.length - 1; k >= 0; k--) {
            if (!segments[k].isEmpty() && !segments[k].equals(".")) {
                return segments[k].equals(projectName);
            }
        }
        return false;
    }

    /** The {@code "key": value} entries of a dict body, values kept as text with the line they start on. */
    private static void entries(String text, String body, int offset, Map<String, Value> out) {
        for (String part : DecoratorScanner.splitTopLevel(body)) {
            int colon = colon(part);
            if (colon < 0) {
                continue;
            }
            Matcher k = STRING.matcher(part.substring(0, colon).trim());
            if (!k.matches()) {
                continue;
            }
            String v = part.substring(colon + 1).trim();
            int at = text.indexOf(part.trim(), offset);
            Matcher lit = STRING.matcher(v);
            Optional<String> literal = lit.matches() && !v.startsWith("f") ? Optional.of(lit.group(2))
                    : v.matches("True|False|None|-?\\d+") ? Optional.of(v) : Optional.empty();
            out.put(k.group(2), new Value(literal, v, at < 0 ? 1 : lineOf(text, at)));
        }
    }

    private static int colon(String part) {
        char quote = 0;
        for (int k = 0; k < part.length(); k++) {
            char ch = part.charAt(k);
            if (quote != 0) {
                if (ch == '\\') {
                    k++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == ':') {
                return k;
            }
        }
        return -1;
    }

    private static int lineOf(String s, int offset) {
        int line = 1;
        for (int k = 0; k < offset && k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }
}
