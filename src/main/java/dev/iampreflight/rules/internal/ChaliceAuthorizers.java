package dev.iampreflight.rules.internal;

import dev.iampreflight.code.python.PyFile;
import dev.iampreflight.code.python.PyNode;
import dev.iampreflight.code.python.PythonParser;
import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.rules.ProjectFacts.AuthorizerRaise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The errors a Chalice app's built-in authorizers raise (https://aws.github.io/chalice/topics/authorizers.html): a
 * function decorated with {@code @<app>.authorizer(...)} in app.py or chalicelib/, each {@code raise} of a Chalice
 * view error in its body, and the routes whose {@code authorizer=} names it. A syntax-only reading: the function is
 * found by its decorator's attribute name, the route by its keyword argument.
 */
final class ChaliceAuthorizers {

    static final long MAX_BYTES = 2L * 1024 * 1024;
    /** Files read per app; an app with more is read up to here. */
    static final int MAX_FILES = 2000;

    private ChaliceAuthorizers() {
    }

    static List<AuthorizerRaise> read(Path base, Path app) {
        List<PyFile> files = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        paths.add(app.resolve("app.py"));
        Path lib = app.resolve("chalicelib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> s = Files.walk(lib)) {
                s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).sorted().limit(MAX_FILES)
                        .forEach(paths::add);
            } catch (IOException | RuntimeException e) {
                // What could be read is used.
            }
        }
        for (Path p : paths) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                String text = InputFiles.readPython(p, MAX_BYTES);
                if (text.contains("authorizer")) {
                    files.add(PythonParser.parse(DisplayPaths.rel(base, p), text));
                }
            } catch (IOException | RuntimeException e) {
                // The code scanner reports unreadable files.
            }
        }
        Map<String, List<SourceLocation>> routes = new LinkedHashMap<>();
        Map<String, PyNode> authorizers = new LinkedHashMap<>();
        for (PyFile f : files) {
            walk(f.root(), n -> {
                if (n.is("keyword_argument") && text(n.child("name")).equals("authorizer")
                        && n.child("value") != null && n.child("value").is("identifier")) {
                    routes.computeIfAbsent(n.child("value").text(), k -> new ArrayList<>()).add(at(n));
                } else if (n.is("decorated_definition") && isAuthorizer(n)) {
                    PyNode def = n.child("definition");
                    if (def != null && def.is("function_definition")) {
                        authorizers.putIfAbsent(text(def.child("name")), n);
                    }
                }
            });
        }
        List<AuthorizerRaise> out = new ArrayList<>();
        authorizers.forEach((name, decorated) -> {
            PyNode def = decorated.child("definition");
            walk(def.child("body"), n -> {
                if (n.is("raise_statement") && !n.namedChildren().isEmpty()) {
                    PyNode raised = n.namedChildren().get(0);
                    PyNode callee = raised.is("call") ? raised.child("function") : raised;
                    if (callee != null && (callee.is("identifier") || callee.is("attribute"))) {
                        out.add(new AuthorizerRaise(at(n), callee.text(), name, at(decorated),
                                routes.getOrDefault(name, List.of())));
                    }
                }
            });
        });
        return out;
    }

    /** {@code @x.authorizer(...)} or {@code @x.authorizer} among the decorators. */
    private static boolean isAuthorizer(PyNode decorated) {
        for (PyNode d : decorated.children()) {
            if (!d.is("decorator") || d.namedChildren().isEmpty()) {
                continue;
            }
            PyNode e = d.namedChildren().get(0);
            PyNode target = e.is("call") ? e.child("function") : e;
            if (target != null && target.is("attribute") && text(target.child("attribute")).equals("authorizer")) {
                return true;
            }
        }
        return false;
    }

    private static String text(PyNode n) {
        return n == null ? "" : n.text();
    }

    private static SourceLocation at(PyNode n) {
        return new SourceLocation(n.file().path(), n.line(), n.column());
    }

    /** Every node under {@code root}, iteratively (no recursion on deep trees). */
    private static void walk(PyNode root, java.util.function.Consumer<PyNode> visit) {
        if (root == null) {
            return;
        }
        Deque<PyNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            visit.accept(n);
            List<PyNode> c = n.children();
            for (int i = c.size() - 1; i >= 0; i--) {
                stack.push(c.get(i));
            }
        }
    }
}
