package dev.iampreflight.project.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Lambda container image's Dockerfile says about the code it runs: the base image, which folders of the build
 * context are copied into the function's task root, and the handler ({@code CMD}). Only the instructions that matter
 * for that are read (Dockerfile reference: https://docs.docker.com/reference/dockerfile/); the AWS base images run
 * {@code CMD} as the handler from {@code LAMBDA_TASK_ROOT=/var/task}
 * (https://docs.aws.amazon.com/lambda/latest/dg/python-image.html).
 *
 * @param from      the image of the last {@code FROM} (the stage that is deployed), "" when none
 * @param codeDirs  folders of the build context (relative, '/'-separated; "" for the context itself) whose contents
 *                  become importable from the task root, in order
 * @param command   the first word of the last {@code CMD} (exec or shell form), e.g. {@code app.handler}
 * @param pythonPath the folders of the image an {@code ENV PYTHONPATH} adds to the import path, where
 *                   {@code python -m pkg.mod} also finds its module (https://docs.python.org/3/using/cmdline.html)
 */
public record Dockerfile(String from, List<String> codeDirs, Optional<String> command, String workdir,
                         List<Copy> copies, List<String> run, boolean shellForm, boolean entrypointSet,
                         List<String> execEntrypoint, List<String> pythonPath) {

    /**
     * One {@code COPY}/{@code ADD} from the build context into the deployed stage.
     *
     * @param source the context path as written, normalised ("" for the context itself)
     * @param dest   the absolute destination in the image
     * @param toDir  whether the destination is a folder (it ends with '/', or several sources are copied)
     */
    public record Copy(String source, String dest, boolean toDir) {
    }

    /**
     * What runs when the container starts: the context file of a Python script or module ({@code python main.py},
     * {@code python -m pkg.main}), or why it cannot be told.
     */
    public record Entry(Optional<Path> file, String why) {
    }

    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(?:--\\S+\\s+)*(\\S+)");
    private static final Pattern WORKDIR = Pattern.compile("(?i)^WORKDIR\\s+(.+)$");
    private static final Pattern COPY = Pattern.compile("(?i)^(?:COPY|ADD)\\s+(.+)$");
    private static final Pattern CMD = Pattern.compile("(?i)^CMD\\s+(.+)$");
    private static final Pattern ENV_PYTHONPATH = Pattern.compile("(?i)^ENV\\s+.*?\\bPYTHONPATH(?:=|\\s+)(\"[^\"]*\"|\\S+)");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?i)^ENTRYPOINT\\s+(.+)$");
    private static final Pattern PYTHON = Pattern.compile("(?:.*/)?python[0-9.]*");
    private static final Pattern WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");

    /** True when the base image is a Python one (the AWS Lambda Python base image, or any image naming python). */
    public boolean pythonBase() {
        return from.toLowerCase(Locale.ROOT).contains("python");
    }

    /** What a build stage holds so far; a later {@code FROM STAGE} starts from a copy of it. */
    private static final class Stage {
        String from = "";
        String workdir = "/";
        List<String> dirs = new ArrayList<>();
        List<Copy> copies = new ArrayList<>();
        Optional<String> command = Optional.empty();
        List<String> cmd = List.of();
        List<String> entrypoint = List.of();
        boolean cmdShell;
        boolean entryShell;
        List<String> pythonPath = new ArrayList<>();

        Stage copy() {
            Stage s = new Stage();
            s.from = from;
            s.workdir = workdir;
            s.dirs = new ArrayList<>(dirs);
            s.copies = new ArrayList<>(copies);
            s.command = command;
            s.cmd = cmd;
            s.entrypoint = entrypoint;
            s.cmdShell = cmdShell;
            s.entryShell = entryShell;
            s.pythonPath = new ArrayList<>(pythonPath);
            return s;
        }
    }

    private static final Pattern STAGE_NAME = Pattern.compile("(?i)\\s+AS\\s+(\\S+)\\s*$");

    /** Reads the lines of a Dockerfile; never throws. */
    public static Dockerfile parse(List<String> rawLines) {
        List<String> lines = logicalLines(rawLines);
        Stage st = new Stage();
        java.util.Map<String, Stage> stages = new java.util.HashMap<>();
        for (String line : lines) {
            Matcher m;
            if ((m = FROM.matcher(line)).find()) {
                // A new stage: what earlier stages copied is not in the image that is deployed, unless the stage
                // starts FROM an earlier one, whose files, WORKDIR, CMD and ENTRYPOINT it inherits
                // (https://docs.docker.com/build/building/multi-stage/#use-a-previous-stage-as-a-new-stage).
                Stage base = stages.get(m.group(1).toLowerCase(Locale.ROOT));
                if (base != null) {
                    st = base.copy();
                } else {
                    st = new Stage();
                    st.from = m.group(1);
                }
                Matcher as = STAGE_NAME.matcher(line);
                if (as.find()) {
                    stages.put(as.group(1).toLowerCase(Locale.ROOT), st);
                }
            } else if ((m = ENV_PYTHONPATH.matcher(line)).find()) {
                st.pythonPath = new ArrayList<>();
                for (String dir : m.group(1).replace("\"", "").split(":")) {
                    if (!dir.isBlank() && !dir.contains("$")) {
                        String d = taskRoot(dir);
                        st.pythonPath.add(d.startsWith("/") ? d : join(st.workdir, d));
                    }
                }
            } else if ((m = ENTRYPOINT.matcher(line)).find()) {
                st.entryShell = !m.group(1).trim().startsWith("[");
                st.entrypoint = arguments(m.group(1));
            } else if ((m = WORKDIR.matcher(line)).find()) {
                String w = taskRoot(m.group(1).trim());
                st.workdir = w.startsWith("/") ? w : join(st.workdir, w);
            } else if ((m = COPY.matcher(line)).find()) {
                List<String> words = arguments(m.group(1));
                if (words.stream().anyMatch(w -> w.startsWith("--from"))) {
                    continue; // copied from another stage or image, not from the build context
                }
                words.removeIf(w -> w.startsWith("--"));
                if (words.size() < 2) {
                    continue;
                }
                String dest = taskRoot(words.get(words.size() - 1));
                String absDest = dest.startsWith("/") ? dest : join(st.workdir, dest);
                boolean toDir = dest.endsWith("/") || dest.equals(".") || words.size() > 2;
                List<String> dirs = st.dirs;
                for (String src : words.subList(0, words.size() - 1)) {
                    String s = src.replaceAll("^\\./", "").replaceAll("/+$", "");
                    if (!s.contains("$") && !s.contains("://") && !s.startsWith("/") && !s.contains("..")) {
                        st.copies.add(new Copy(s.equals(".") ? "" : s, Path.of(absDest).normalize().toString().replace('\\', '/'), toDir));
                    }
                    codeDir(src, absDest).ifPresent(d -> {
                        if (!dirs.contains(d)) {
                            dirs.add(d);
                        }
                    });
                }
            } else if ((m = CMD.matcher(line)).find()) {
                st.cmdShell = !m.group(1).trim().startsWith("[");
                st.cmd = arguments(m.group(1));
                st.command = st.cmd.isEmpty() ? Optional.empty() : Optional.of(st.cmd.get(0));
            }
        }
        // An exec-form ENTRYPOINT takes CMD as its arguments; a shell-form one ignores CMD
        // (https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact).
        List<String> run = new ArrayList<>(st.entrypoint);
        if (st.entrypoint.isEmpty() || !st.entryShell) {
            run.addAll(st.cmd);
        }
        boolean shell = st.entrypoint.isEmpty() ? st.cmdShell : st.entryShell;
        return new Dockerfile(st.from, List.copyOf(st.dirs), st.command, st.workdir, List.copyOf(st.copies),
                List.copyOf(run), shell, !st.entrypoint.isEmpty(), st.entryShell ? List.of() : List.copyOf(st.entrypoint),
                List.copyOf(st.pythonPath));
    }

    /**
     * The image run with {@code command} in place of its CMD, as an ECS container definition's {@code command} or a
     * Batch job's does: an exec-form ENTRYPOINT takes it as arguments, a shell-form one ignores it.
     */
    public Dockerfile withCommand(List<String> command) {
        if (entrypointSet && execEntrypoint.isEmpty()) {
            return this; // a shell-form ENTRYPOINT ignores the command
        }
        List<String> r = new ArrayList<>(execEntrypoint);
        r.addAll(command);
        return new Dockerfile(from, codeDirs, this.command, workdir, copies, List.copyOf(r), false, entrypointSet,
                execEntrypoint, pythonPath);
    }

    /** Reads a Dockerfile; empty when it cannot be read. */
    public static Optional<Dockerfile> read(Path file) {
        try {
            return Optional.of(parse(List.of(new String(dev.iampreflight.core.InputFiles.readBytes(file, 1 << 20),
                    StandardCharsets.UTF_8).split("\\R"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The context paths the deployed stage copies in that exist and that {@code .dockerignore} leaves in the build
     * context. A copied folder with ignored entries right below it is replaced by its other entries, so code the
     * build context leaves out (tests/) is not part of the image's code.
     */
    public List<Path> copiedPaths(Path context) {
        DockerIgnore ignore = DockerIgnore.read(context);
        List<Path> out = new ArrayList<>();
        for (Copy c : copies) {
            if (c.source().contains("*") || c.source().contains("?")) {
                continue; // a glob copies files, and whether it matches Python code is left to the entry
            }
            Path p = c.source().isEmpty() ? context : context.resolve(c.source()).normalize();
            if (!p.startsWith(context) || !Files.exists(p) || ignore.excludes(c.source())) {
                continue;
            }
            for (Path q : ignore.kept(context, p)) {
                if (!out.contains(q)) {
                    out.add(q);
                }
            }
        }
        return out;
    }

    /**
     * The Python file that runs when the container starts, found through the image's paths back to the context:
     * {@code CMD ["python", "worker.py"]} (relative to WORKDIR) or {@code python -m pkg.main}. When it cannot be
     * told, {@code why} says so.
     */
    public Entry entry(Path context) {
        if (run.isEmpty()) {
            return new Entry(Optional.empty(), "the Dockerfile names no CMD or ENTRYPOINT");
        }
        if (shellForm && run.stream().anyMatch(w -> w.contains("$") || w.equals("&&") || w.equals(";")
                || w.equals("|") || w.contains("`"))) {
            return new Entry(Optional.empty(), "its command '" + String.join(" ", run) + "' is a shell command "
                    + "with variables or several steps");
        }
        String first = run.get(0);
        String script;
        if (PYTHON.matcher(first).matches()) {
            int i = 1;
            while (i < run.size() && run.get(i).startsWith("-") && !run.get(i).equals("-m")) {
                i++;
            }
            if (i + 1 < run.size() && run.get(i).equals("-m")) {
                script = run.get(i + 1).replace('.', '/') + ".py";
            } else if (i < run.size() && run.get(i).endsWith(".py")) {
                script = run.get(i);
            } else {
                return new Entry(Optional.empty(), "its command '" + String.join(" ", run) + "' runs Python "
                        + "without naming a script or module");
            }
        } else if (first.endsWith(".py")) {
            script = first;
        } else {
            return new Entry(Optional.empty(), "its command '" + String.join(" ", run) + "' does not run a "
                    + "Python script (" + first + ")");
        }
        // A module (-m) is found in the working folder, then in each PYTHONPATH folder; a script beside WORKDIR.
        boolean module = run.contains("-m") && !script.equals(first);
        List<String> bases = new ArrayList<>(List.of(workdir));
        if (module) {
            bases.addAll(pythonPath);
        }
        String firstTried = null;
        for (String base : bases) {
            String inImage = script.startsWith("/") ? script : join(base, script);
            inImage = Path.of(inImage).normalize().toString().replace('\\', '/');
            firstTried = firstTried == null ? inImage : firstTried;
            Optional<Entry> found = copiedFile(context, script, inImage);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return new Entry(Optional.empty(), "its script '" + firstTried + "' is not copied into the image from the "
                + "build context");
    }

    /** The context file the image holds at {@code inImage}, through the copies; empty when none does. */
    private Optional<Entry> copiedFile(Path context, String script, String inImage) {
        for (int k = copies.size() - 1; k >= 0; k--) {
            Copy c = copies.get(k);
            Path src = c.source().isEmpty() ? context : context.resolve(c.source()).normalize();
            Optional<Path> file = Optional.empty();
            if (Files.isDirectory(src) && (inImage.startsWith(c.dest() + "/") || c.dest().equals("/"))) {
                file = Optional.of(src.resolve(inImage.substring(c.dest().length()).replaceAll("^/", "")));
            } else if (Files.isRegularFile(src) && (inImage.equals(c.dest())
                    || c.toDir() && inImage.equals(c.dest() + "/" + src.getFileName()))) {
                file = Optional.of(src);
            }
            if (file.isPresent() && Files.isRegularFile(file.get())) {
                if (DockerIgnore.read(context).excludes(context.relativize(file.get()).toString().replace('\\', '/'))) {
                    return Optional.of(new Entry(Optional.empty(), "its script '" + script + "' is left out of the "
                            + "build context by .dockerignore"));
                }
                return Optional.of(new Entry(file.map(Path::normalize), ""));
            }
        }
        return Optional.empty();
    }

    /** The exec form {@code ["a", "b"]} or the shell form {@code a b}. */
    private static List<String> arguments(String s) {
        String t = s.trim();
        if (t.startsWith("[")) {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(t);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
        return words(t);
    }

    /**
     * The context folder a COPY makes importable from the task root: {@code COPY src/ /var/task/} makes {@code src}'s
     * contents top-level ("src"); {@code COPY app/ /var/task/app/} or {@code COPY app.py /var/task/} keep the path,
     * so the context itself is the import root (""). Copies elsewhere (requirements into /tmp) and non-Python files
     * give nothing.
     */
    private static Optional<String> codeDir(String src, String absDest) {
        String s = src.replaceAll("^\\./", "").replaceAll("/+$", "");
        if (s.startsWith("/") || s.contains("..") || s.contains("$") || s.startsWith("http")) {
            return Optional.empty();
        }
        String dest = absDest.replaceAll("/+$", "");
        String root = "/var/task";
        if (!(dest.equals(root) || dest.startsWith(root + "/"))) {
            return Optional.empty();
        }
        String under = dest.equals(root) ? "" : dest.substring(root.length() + 1);
        boolean file = s.contains(".") && !s.endsWith("/") && s.substring(s.lastIndexOf('/') + 1).contains(".");
        if (file) {
            if (!s.endsWith(".py") && !s.contains("*")) {
                return Optional.empty(); // requirements.txt, a config file
            }
            int slash = s.lastIndexOf('/');
            return under.isEmpty() ? Optional.of(slash < 0 ? "" : s.substring(0, slash)) : Optional.of("");
        }
        if (s.isEmpty() || s.equals(".")) {
            return Optional.of("");
        }
        // COPY dir /var/task -> dir's contents at the root; COPY dir /var/task/dir -> the context is the root.
        if (under.isEmpty()) {
            return Optional.of(s);
        }
        if (s.endsWith(under)) {
            String parent = s.substring(0, s.length() - under.length()).replaceAll("/+$", "");
            return Optional.of(parent);
        }
        return Optional.of("");
    }

    private static String taskRoot(String path) {
        return path.replace("${LAMBDA_TASK_ROOT}", "/var/task").replace("$LAMBDA_TASK_ROOT", "/var/task")
                .replaceAll("^\"|\"$", "");
    }

    private static String join(String dir, String rel) {
        String r = rel.equals(".") || rel.equals("./") ? "" : rel.replaceAll("^\\./", "");
        if (r.isEmpty()) {
            return dir;
        }
        return (dir.endsWith("/") ? dir : dir + "/") + r;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    /** A Dockerfile's instructions, stripped, with line continuations joined and comment lines dropped. */
    public static List<String> logicalLines(List<String> raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String l : raw) {
            String t = l.strip();
            if (t.startsWith("#") && cur.length() == 0) {
                continue;
            }
            if (t.endsWith("\\")) {
                cur.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            cur.append(t);
            out.add(cur.toString().strip());
            cur.setLength(0);
        }
        if (cur.length() > 0) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
